package org.kawamori.core.port;

/**
 * The application's metrics in a text format a scraper reads (Prometheus text exposition). The web
 * module serves it at {@code /metrics}; the composition root decides what is measured.
 */
public interface MetricsExposition {

    /** The media type of {@link #scrape()}, e.g. {@code text/plain; version=0.0.4; charset=utf-8}. */
    String contentType();

    /** The current values; called on a worker thread, may take a few milliseconds. */
    String scrape();
}
