package org.kawamori.routing;

import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.kawamori.core.Reading;
import org.kawamori.core.ingest.IngestResult;
import org.kawamori.core.port.ReadingStore;

/** Fourth step: commit the readings. Only after this may the transport acknowledge. */
final class CommitReadings implements Processor {

    private final ReadingStore store;
    private final IngestCounters counters;

    CommitReadings(ReadingStore store, IngestCounters counters) {
        this.store = store;
        this.counters = counters;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void process(Exchange exchange) {
        List<Reading> readings = exchange.getProperty(ExchangeKeys.READINGS, List.class);
        int fresh = store.append(readings);
        counters.accepted(readings.size(), fresh);
        exchange.getMessage().setBody(new IngestResult.Accepted(readings.size()));
    }
}
