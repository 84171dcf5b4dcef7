package org.kawamori.simulators;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.kawamori.core.DeviceId;
import org.kawamori.core.GeoPoint;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.Sensor;
import org.kawamori.core.SensorKind;
import org.kawamori.simulators.SimulatedGauge.Protocol;

/**
 * The demo basin: river gauges along the Kakogawa and its tributary the Minogawa, from Nishiwaki
 * upstream to Kakogawa near the mouth. Each position lies inside its municipality's boundary in the
 * bundled MLIT data. Names carry （デモ） because these are not the real stations' data.
 */
public final class BasinScenario {

    private BasinScenario() {}

    /** The gauges the demo simulator plays, each with a fresh random secret. */
    public static List<SimulatedGauge> kakogawaDemo() {
        return List.of(
                gauge("nishiwaki-itanami", "282138", "加古川 板波（デモ）", 34.9810, 134.9820, Protocol.MQTT, 1.1, 0),
                gauge("kato-takino", "282286", "加古川 滝野（デモ）", 34.8930, 134.9440, Protocol.COAP, 1.6, 4),
                gauge("ono-ikejiri", "282189", "加古川 池尻（デモ）", 34.8340, 134.9000, Protocol.MQTT, 2.0, 8),
                gauge("miki-minogawa", "282154", "美嚢川 三木（デモ）", 34.7960, 134.9870, Protocol.COAP, 0.9, 6),
                gauge("kakogawa-ohashi", "282103", "加古川 加古川大橋（デモ）", 34.7640, 134.8330, Protocol.MQTT, 2.4, 12));
    }

    private static SimulatedGauge gauge(
            String id,
            String municipality,
            String name,
            double lat,
            double lon,
            Protocol protocol,
            double baseLevel,
            int lagSeconds) {
        Sensor sensor = new Sensor(
                DeviceId.of(id),
                MunicipalityCode.of(municipality),
                SensorKind.RIVER_GAUGE,
                name,
                new GeoPoint(lat, lon),
                protocol == Protocol.COAP,
                true);
        return new SimulatedGauge(sensor, randomSecret(), protocol, baseLevel, 0.8, Duration.ofSeconds(lagSeconds));
    }

    private static String randomSecret() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
