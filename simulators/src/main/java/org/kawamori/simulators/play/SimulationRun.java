package org.kawamori.simulators.play;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays scenarios against a running Kawamori over the real protocols. The message flow:
 *
 * <ol>
 *   <li>The devices are registered first (by the caller: {@code simulate --db-url}, or {@code registry
 *       import} of the CSV it prints); their secrets come from the scenario's seed.
 *   <li>A {@link SimulatedClock} runs the scenarios' day {@code speed} times faster than real time,
 *       laid so that the run's last message is stamped at the real end of the run.
 *   <li>Every tick (100 ms real) the run asks each scenario for the messages between the last tick
 *       and the simulated now ({@link Scenario#between}) and hands each to its device's protocol:
 *       MQTT 5 QoS 1 as that device's own client ({@code kawamori/{m}/sensors/{id}/up}, {@code
 *       kawamori/{m}/gateways/{id}/detections}), CoAP POST ({@code /s/{id}}, {@code /g/{id}}) or HTTPS
 *       POST ({@code /api/v1/gateways/{id}/detections}).
 *   <li>Kawamori acknowledges each after commit (PUBACK, 2.04, 200); the {@link Counters} count sent,
 *       acknowledged and failed messages and the rows acknowledged, which the caller may compare with
 *       the database. The run waits (up to {@code drainTimeout}) for what is in flight, then ends.
 * </ol>
 *
 * A message that fails is counted, not sent again: the run measures, it does not hide losses.
 */
public final class SimulationRun implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SimulationRun.class);
    private static final long TICK_MILLIS = 100;

    private final List<Scenario> scenarios;
    private final SimulatedClock clock;
    private final Counters counters = new Counters();
    private final MqttSender mqtt;
    private final CoapSender coap;
    private final HttpsSender https;

    public SimulationRun(List<Scenario> scenarios, SimulatedClock clock, Targets targets) {
        this.scenarios = List.copyOf(scenarios);
        this.clock = clock;
        this.mqtt = new MqttSender(targets.mqttUrl(), counters);
        this.coap = new CoapSender(targets.coapUri(), counters);
        this.https = new HttpsSender(targets.httpsUrl(), targets.trustAnyCertificate(), counters);
    }

    public Counters counters() {
        return counters;
    }

    public SimulatedClock clock() {
        return clock;
    }

    /** Plays every scenario to its end, then waits for the acknowledgements still in flight. */
    public Counters.Totals run(Duration drainTimeout) throws InterruptedException {
        Instant end = scenarios.stream()
                .map(Scenario::end)
                .max(Comparator.naturalOrder())
                .orElse(clock.now());
        Instant cursor = scenarios.stream()
                .map(Scenario::start)
                .min(Comparator.naturalOrder())
                .orElse(end);
        while (cursor.isBefore(end)) {
            Instant now = clock.now();
            Instant upTo = now.isAfter(end) ? end : now;
            if (upTo.isAfter(cursor)) {
                List<Outgoing> due = new ArrayList<>();
                for (Scenario scenario : scenarios) {
                    due.addAll(scenario.between(cursor, upTo));
                }
                due.sort(Comparator.comparing(Outgoing::at));
                due.forEach(this::send);
                cursor = upTo;
            }
            Thread.sleep(TICK_MILLIS);
        }
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        while (counters.totals().inFlight() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Counters.Totals totals = counters.totals();
        if (totals.inFlight() > 0) {
            LOG.warn("{} message(s) still unacknowledged after {}", totals.inFlight(), drainTimeout);
        }
        return totals;
    }

    private void send(Outgoing message) {
        Protocol protocol = message.sender() instanceof SimDevice.SimSensor s
                ? s.protocol()
                : ((SimDevice.SimGateway) message.sender()).protocol();
        switch (protocol) {
            case MQTT -> mqtt.send(message);
            case COAP -> coap.send(message);
            case HTTPS -> https.send(message);
        }
    }

    @Override
    public void close() {
        mqtt.close();
        coap.close();
    }
}
