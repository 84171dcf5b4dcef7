package org.kawamori.routing;

/** Names of the exchange properties the ingest route passes between its steps. */
final class ExchangeKeys {

    static final String MESSAGE = "kawamori.message";
    static final String SENSOR = "kawamori.sensor";
    static final String READINGS = "kawamori.readings";

    private ExchangeKeys() {}
}
