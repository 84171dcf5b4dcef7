package org.kawamori.simulators.play;

import java.util.Locale;

/**
 * How many devices speak each protocol, as weights: {@code mqtt:2,coap:1,https:1} makes half the
 * devices MQTT. Sensors have no HTTPS path, so for them only the MQTT and CoAP weights count.
 */
public record ProtocolMix(double mqtt, double coap, double https) {

    public static final ProtocolMix DEFAULT = new ProtocolMix(2, 1, 1);

    public ProtocolMix {
        if (mqtt < 0 || coap < 0 || https < 0 || mqtt + coap + https <= 0) {
            throw new IllegalArgumentException("protocol weights must be >= 0 and not all 0");
        }
    }

    /** Parses {@code mqtt:2,coap:1,https:1}; a protocol left out weighs 0. */
    public static ProtocolMix parse(String text) {
        double m = 0, c = 0, h = 0;
        for (String part : text.split(",")) {
            String[] kv = part.strip().split(":");
            if (kv.length != 2) {
                throw new IllegalArgumentException("protocol mix: expected name:weight, got '" + part + "'");
            }
            double w = Double.parseDouble(kv[1]);
            switch (kv[0].strip().toLowerCase(Locale.ROOT)) {
                case "mqtt" -> m = w;
                case "coap" -> c = w;
                case "https" -> h = w;
                default -> throw new IllegalArgumentException("protocol mix: unknown protocol '" + kv[0] + "'");
            }
        }
        return new ProtocolMix(m, c, h);
    }

    /** The protocol of a gateway, for a uniform draw {@code u} in [0, 1). */
    public Protocol forGateway(double u) {
        double x = u * (mqtt + coap + https);
        return x < mqtt ? Protocol.MQTT : x < mqtt + coap ? Protocol.COAP : Protocol.HTTPS;
    }

    /** The protocol of a sensor (MQTT or CoAP), for a uniform draw {@code u} in [0, 1). */
    public Protocol forSensor(double u) {
        if (mqtt + coap <= 0) {
            return Protocol.MQTT;
        }
        return u * (mqtt + coap) < mqtt ? Protocol.MQTT : Protocol.COAP;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "mqtt:%s,coap:%s,https:%s", mqtt, coap, https);
    }
}
