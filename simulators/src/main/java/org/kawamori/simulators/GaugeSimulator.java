package org.kawamori.simulators;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.kawamori.core.Sensor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays gauges over the real protocols: each MQTT gauge is its own Paho client logged in with its own
 * id and secret, publishing QoS 1 to {@code kawamori/{municipality}/sensors/{id}/up}; each CoAP gauge
 * POSTs to {@code /s/{id}} with content-format 110. A gauge that cannot send logs it and tries again
 * at its next turn.
 */
public final class GaugeSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GaugeSimulator.class);

    static {
        CoapConfig.register();
        UdpConfig.register();
    }

    private final SimulatorConfig config;
    private final List<SimulatedGauge> gauges;
    private final Clock clock;
    private final LevelCurve curve;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "kawamori-simulator");
        t.setDaemon(true);
        return t;
    });
    private final List<MqttClient> mqttClients = new ArrayList<>();
    private CoapEndpoint coapEndpoint;

    public GaugeSimulator(SimulatorConfig config, List<SimulatedGauge> gauges, Clock clock) {
        this.config = config;
        this.gauges = List.copyOf(gauges);
        this.clock = clock;
        this.curve = new LevelCurve(config.swellPeriod());
    }

    public void start() {
        coapEndpoint = CoapEndpoint.builder()
                .setConfiguration(Configuration.createStandardWithoutFile())
                .build();
        long step = config.interval().toMillis() / Math.max(1, gauges.size());
        for (int i = 0; i < gauges.size(); i++) {
            SimulatedGauge gauge = gauges.get(i);
            Runnable turn = gauge.protocol() == SimulatedGauge.Protocol.MQTT ? mqttTurn(gauge) : coapTurn(gauge);
            scheduler.scheduleWithFixedDelay(turn, i * step, config.interval().toMillis(), TimeUnit.MILLISECONDS);
        }
        LOG.info(
                "simulating {} gauges every {} s",
                gauges.size(),
                config.interval().toSeconds());
    }

    private Runnable mqttTurn(SimulatedGauge gauge) {
        Sensor sensor = gauge.sensor();
        String topic = "kawamori/" + sensor.municipality().value() + "/sensors/"
                + sensor.id().value() + "/up";
        MqttClient[] holder = new MqttClient[1];
        return () -> {
            try {
                if (holder[0] == null) {
                    holder[0] = connect(gauge);
                }
                Instant now = clock.instant();
                MqttMessage message = new MqttMessage(SenmlPayloads.level(sensor.id(), curve.levelAt(gauge, now), now)
                        .getBytes(StandardCharsets.UTF_8));
                message.setQos(1);
                MqttProperties properties = new MqttProperties();
                properties.setContentType("application/senml+json");
                message.setProperties(properties);
                holder[0].publish(topic, message);
            } catch (MqttException e) {
                LOG.warn("simulated gauge {} could not publish: {}", sensor.id(), e.getMessage());
            }
        };
    }

    private MqttClient connect(SimulatedGauge gauge) throws MqttException {
        String id = gauge.sensor().id().value();
        MqttClient client = new MqttClient(config.mqttUrl(), "sim-" + id, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(id);
        options.setPassword(gauge.secret().getBytes(StandardCharsets.UTF_8));
        options.setAutomaticReconnect(true);
        options.setCleanStart(true);
        client.connect(options);
        synchronized (mqttClients) {
            mqttClients.add(client);
        }
        return client;
    }

    private Runnable coapTurn(SimulatedGauge gauge) {
        Sensor sensor = gauge.sensor();
        String uri = config.coapBaseUri() + "/s/" + sensor.id().value();
        return () -> {
            CoapClient client = new CoapClient(uri);
            client.setEndpoint(coapEndpoint);
            client.setTimeout(5_000L);
            try {
                Instant now = clock.instant();
                CoapResponse response = client.post(
                        SenmlPayloads.level(sensor.id(), curve.levelAt(gauge, now), now),
                        MediaTypeRegistry.APPLICATION_SENML_JSON);
                if (response == null || !response.isSuccess()) {
                    LOG.warn(
                            "simulated gauge {} got {} over CoAP",
                            sensor.id(),
                            response == null ? "no answer" : response.getCode());
                }
            } catch (Exception e) {
                LOG.warn("simulated gauge {} could not post: {}", sensor.id(), e.toString());
            } finally {
                client.shutdown();
            }
        };
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        synchronized (mqttClients) {
            for (MqttClient client : mqttClients) {
                try {
                    client.disconnect(1_000);
                    client.close();
                } catch (MqttException e) {
                    LOG.debug("closing a simulated gauge", e);
                }
            }
        }
        if (coapEndpoint != null) {
            coapEndpoint.destroy();
        }
    }
}
