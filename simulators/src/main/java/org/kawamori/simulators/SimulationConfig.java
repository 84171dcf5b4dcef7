package org.kawamori.simulators;

import java.time.Duration;
import java.util.Objects;
import org.kawamori.simulators.play.ProtocolMix;

/**
 * The scale knobs of a simulation run, with defaults sized for a laptop demo (each MQTT device is a
 * client of its own, with its own connection and threads).
 *
 * @param sensors gauges and inundation sensors of the typhoon day (default 40; 40% gauges)
 * @param tags watch tags of the school day: 75% children, the rest elderly walkers (default 120)
 * @param gateways fixed detectors: school gates, stations, street cameras (default 16)
 * @param phones volunteers' phones moving about (default 6)
 * @param speed how much faster than real time the day runs (default 60: a day in 24 minutes)
 * @param duration how much of the day is played, from its start (default 24 h)
 * @param seed the scenario's seed: the same seed, the same day
 * @param mix protocols of the devices (default mqtt:2,coap:1,https:1; sensors MQTT or CoAP only)
 * @param scanEvery how often a gateway reports what it heard (default 30 s of simulated time)
 */
public record SimulationConfig(
        int sensors,
        int tags,
        int gateways,
        int phones,
        double speed,
        Duration duration,
        long seed,
        ProtocolMix mix,
        Duration scanEvery) {

    public static final int DEFAULT_SENSORS = 40;
    public static final int DEFAULT_TAGS = 120;
    public static final int DEFAULT_GATEWAYS = 16;
    public static final int DEFAULT_PHONES = 6;
    public static final double DEFAULT_SPEED = 60;
    public static final Duration DEFAULT_DURATION = Duration.ofHours(24);
    public static final long DEFAULT_SEED = 20_261_122L;
    public static final Duration DEFAULT_SCAN_EVERY = Duration.ofSeconds(30);

    public SimulationConfig {
        if (sensors < 0 || tags < 0 || gateways < 0 || phones < 0) {
            throw new IllegalArgumentException("counts must be >= 0");
        }
        if (!(speed >= 1)) {
            throw new IllegalArgumentException("speed-up must be at least 1");
        }
        Objects.requireNonNull(mix, "mix");
        if (duration.isNegative() || duration.isZero() || duration.compareTo(Duration.ofDays(7)) > 0) {
            throw new IllegalArgumentException("duration must be within 7 days");
        }
        if (scanEvery.toSeconds() < 1) {
            throw new IllegalArgumentException("scan interval must be at least 1 s");
        }
    }

    public static SimulationConfig defaults() {
        return new SimulationConfig(
                DEFAULT_SENSORS,
                DEFAULT_TAGS,
                DEFAULT_GATEWAYS,
                DEFAULT_PHONES,
                DEFAULT_SPEED,
                DEFAULT_DURATION,
                DEFAULT_SEED,
                ProtocolMix.DEFAULT,
                DEFAULT_SCAN_EVERY);
    }

    public SimulationConfig withSensors(int n) {
        return new SimulationConfig(n, tags, gateways, phones, speed, duration, seed, mix, scanEvery);
    }

    public SimulationConfig withTags(int n) {
        return new SimulationConfig(sensors, n, gateways, phones, speed, duration, seed, mix, scanEvery);
    }

    public SimulationConfig withGateways(int n) {
        return new SimulationConfig(sensors, tags, n, phones, speed, duration, seed, mix, scanEvery);
    }

    public SimulationConfig withPhones(int n) {
        return new SimulationConfig(sensors, tags, gateways, n, speed, duration, seed, mix, scanEvery);
    }

    public SimulationConfig withSpeed(double x) {
        return new SimulationConfig(sensors, tags, gateways, phones, x, duration, seed, mix, scanEvery);
    }

    public SimulationConfig withDuration(Duration d) {
        return new SimulationConfig(sensors, tags, gateways, phones, speed, d, seed, mix, scanEvery);
    }

    public SimulationConfig withSeed(long s) {
        return new SimulationConfig(sensors, tags, gateways, phones, speed, duration, s, mix, scanEvery);
    }

    public SimulationConfig withMix(ProtocolMix m) {
        return new SimulationConfig(sensors, tags, gateways, phones, speed, duration, seed, m, scanEvery);
    }

    public SimulationConfig withScanEvery(Duration d) {
        return new SimulationConfig(sensors, tags, gateways, phones, speed, duration, seed, mix, d);
    }
}
