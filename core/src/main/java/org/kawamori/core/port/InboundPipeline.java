package org.kawamori.core.port;

import java.util.concurrent.CompletionStage;
import org.kawamori.core.ingest.InboundMessage;
import org.kawamori.core.ingest.IngestResult;

/**
 * The way in for every transport. A transport hands each received message to {@link #accept} and
 * acknowledges it to the device only when the returned stage completes: normally with {@link
 * IngestResult.Accepted} (rows committed) or {@link IngestResult.Rejected} (dead-lettered), both
 * final. A stage that completes exceptionally means nothing was stored; the transport must not
 * acknowledge, so that the device or broker delivers the message again.
 */
public interface InboundPipeline {

    CompletionStage<IngestResult> accept(InboundMessage message);
}
