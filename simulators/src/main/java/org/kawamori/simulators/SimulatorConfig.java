package org.kawamori.simulators;

import java.time.Duration;

/**
 * Where the simulator sends and how often.
 *
 * @param mqttUrl broker of the MQTT gauges, e.g. {@code tcp://127.0.0.1:1883}
 * @param coapBaseUri CoAP endpoint of the CoAP gauges, e.g. {@code coap://127.0.0.1:5683}
 * @param interval time between two readings of one gauge (default 5 s)
 * @param swellPeriod period of the simulated rise and fall (default 10 min, so a demo shows it)
 */
public record SimulatorConfig(String mqttUrl, String coapBaseUri, Duration interval, Duration swellPeriod) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
    public static final Duration DEFAULT_SWELL_PERIOD = Duration.ofMinutes(10);

    public static SimulatorConfig of(String mqttUrl, String coapBaseUri) {
        return new SimulatorConfig(mqttUrl, coapBaseUri, DEFAULT_INTERVAL, DEFAULT_SWELL_PERIOD);
    }
}
