package org.kawamori.routing;

import java.util.List;
import java.util.concurrent.Executor;
import org.apache.camel.Exchange;
import org.kawamori.core.Reading;
import org.kawamori.core.ingest.IngestResult;
import org.kawamori.core.port.ReadingStore;

/** Fourth step: commit the readings. Only after this may the transport acknowledge. */
final class CommitReadings {

    private CommitReadings() {}

    static Committing step(ReadingStore store, IngestCounters counters, StoreRetry retry, Executor continuation) {
        return new Committing(
                exchange -> store.submit(readings(exchange)),
                (exchange, fresh) -> {
                    int count = readings(exchange).size();
                    counters.accepted(count, fresh);
                    exchange.getMessage().setBody(new IngestResult.Accepted(count));
                },
                retry,
                continuation);
    }

    @SuppressWarnings("unchecked")
    private static List<Reading> readings(Exchange exchange) {
        return exchange.getProperty(ExchangeKeys.READINGS, List.class);
    }
}
