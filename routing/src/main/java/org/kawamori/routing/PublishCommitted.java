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
 * Last step: hand the committed readings to the listeners (live map, alert rules) on the sensor's
 * lane ({@link ListenerLanes}) and return: the transport acknowledges once the rows are committed,
 * not once the rules ran. A failing listener is logged and never turns the message into a failure.
 */
final class PublishCommitted implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(PublishCommitted.class);

    private final List<ReadingListener> listeners;
    private final ListenerLanes lanes;

    PublishCommitted(List<ReadingListener> listeners, ListenerLanes lanes) {
        this.listeners = List.copyOf(listeners);
        this.lanes = lanes;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void process(Exchange exchange) {
        Sensor sensor = exchange.getProperty(ExchangeKeys.SENSOR, Sensor.class);
        List<Reading> readings = exchange.getProperty(ExchangeKeys.READINGS, List.class);
        lanes.run(sensor.id().value(), () -> tell(sensor, readings));
    }

    private void tell(Sensor sensor, List<Reading> readings) {
        for (ReadingListener listener : listeners) {
            try {
                listener.onCommitted(sensor, readings);
            } catch (RuntimeException e) {
                LOG.error("a reading listener failed for sensor {}", sensor.id(), e);
            }
        }
    }
}
