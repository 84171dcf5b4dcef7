package org.kawamori.core.ingest;

import java.util.Objects;

/** What became of an inbound message once the pipeline is done with it. Both outcomes are final and safe to acknowledge. */
public sealed interface IngestResult {

    /** The readings are committed to the store. */
    record Accepted(int readings) implements IngestResult {}

    /** The message was refused and is in the dead-letter with its reason. */
    record Rejected(RejectionReason reason, String detail) implements IngestResult {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
