package org.kawamori.routing;

/** Names of the exchange properties the ingest route passes between its steps. */
final class ExchangeKeys {

    static final String MESSAGE = "kawamori.message";
    static final String SENSOR = "kawamori.sensor";
    static final String READINGS = "kawamori.readings";
    static final String GATEWAY = "kawamori.gateway";
    /** The tags a batch heard, before the directory is asked ({@code List<HeardTag>}). */
    static final String HEARD = "kawamori.heard";

    static final String DETECTIONS = "kawamori.detections";
    /** How many detections the batch carried, whatever became of them. */
    static final String BATCH_SIZE = "kawamori.batch-size";

    private ExchangeKeys() {}
}
