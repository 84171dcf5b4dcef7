package org.kawamori.routing;

import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.kawamori.core.Reading;
import org.kawamori.core.Sensor;
import org.kawamori.core.port.ReadingListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last step: tell the listeners (live map, later the alert rules). The rows are already committed, so
 * a failing listener is logged and never turns the message into a failure.
 */
final class PublishCommitted implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(PublishCommitted.class);

    private final List<ReadingListener> listeners;

    PublishCommitted(List<ReadingListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void process(Exchange exchange) {
        Sensor sensor = exchange.getProperty(ExchangeKeys.SENSOR, Sensor.class);
        List<Reading> readings = exchange.getProperty(ExchangeKeys.READINGS, List.class);
        for (ReadingListener listener : listeners) {
            try {
                listener.onCommitted(sensor, readings);
            } catch (RuntimeException e) {
                LOG.error("a reading listener failed for sensor {}", sensor.id(), e);
            }
        }
    }
}
