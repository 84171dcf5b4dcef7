package org.kawamori.ingest.broker;

import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission;
import com.hivemq.extension.sdk.api.packets.auth.DefaultAuthorizationBehaviour;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.kawamori.core.DeviceId;
import org.kawamori.core.Gateway;
import org.kawamori.core.Sensor;
import org.kawamori.core.port.DeviceCredentials;
import org.kawamori.core.port.GatewayRegistry;
import org.kawamori.core.port.ReaderAccounts;
import org.kawamori.core.port.SensorRegistry;
import org.kawamori.ingest.mqtt.MqttTopics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates MQTT clients of the embedded broker against the device registries and gives each
 * device exactly one permission: a sensor may publish to its own uplink topic, a gateway to its own
 * detections topic. A reader (a family, {@code family:<id>}) may subscribe to exactly the topics its
 * {@link ReaderAccounts} entry names (its own notices and the public ones) and publish nothing.
 * Everything else is denied. The service account may subscribe to and publish on the whole {@code
 * kawamori/#} tree.
 *
 * <p>Password hashing is deliberately slow, so verification runs off the broker's event loop.
 */
final class DeviceAuthenticator implements SimpleAuthenticator {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceAuthenticator.class);

    private final SensorRegistry registry;
    private final DeviceCredentials credentials;
    private final GatewayRegistry gateways;
    private final DeviceCredentials gatewayCredentials;
    private final ReaderAccounts readers;
    private final ServiceAccount service;

    DeviceAuthenticator(
            SensorRegistry registry,
            DeviceCredentials credentials,
            GatewayRegistry gateways,
            DeviceCredentials gatewayCredentials,
            ReaderAccounts readers,
            ServiceAccount service) {
        this.registry = registry;
        this.credentials = credentials;
        this.gateways = gateways;
        this.gatewayCredentials = gatewayCredentials;
        this.readers = readers;
        this.service = service;
    }

    @Override
    public void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
        Optional<String> user = input.getConnectPacket().getUserName();
        char[] secret = input.getConnectPacket()
                .getPassword()
                .map(DeviceAuthenticator::chars)
                .orElse(new char[0]);
        if (user.isEmpty()) {
            output.failAuthentication(ConnackReasonCode.NOT_AUTHORIZED, "a user name is required");
            return;
        }
        var async = output.async(Duration.ofSeconds(10));
        Services.extensionExecutorService().submit(() -> {
            try {
                decide(user.get(), secret, output);
            } catch (RuntimeException e) {
                LOG.error("MQTT authentication failed with an error", e);
                output.failAuthentication(ConnackReasonCode.UNSPECIFIED_ERROR, "authentication error");
            } finally {
                Arrays.fill(secret, '\0');
                async.resume();
            }
        });
    }

    private void decide(String user, char[] secret, SimpleAuthOutput output) {
        if (ServiceAccount.USERNAME.equals(user)) {
            byte[] given = new String(secret).getBytes(StandardCharsets.UTF_8);
            if (MessageDigest.isEqual(given, service.secret().getBytes(StandardCharsets.UTF_8))) {
                output.getDefaultPermissions().add(allow(MqttTopics.ROOT + "/#", TopicPermission.MqttActivity.ALL));
                output.getDefaultPermissions().setDefaultBehaviour(DefaultAuthorizationBehaviour.DENY);
                output.authenticateSuccessfully();
            } else {
                output.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "bad user name or password");
            }
            return;
        }
        if (user.indexOf(':') > 0) { // a reader: device ids have no ':'
            Optional<List<String>> topics = readers.readableTopics(user, secret);
            if (topics.isEmpty()) {
                LOG.info("MQTT connection refused: bad user name or password");
                output.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "bad user name or password");
                return;
            }
            topics.get()
                    .forEach(t -> output.getDefaultPermissions().add(allow(t, TopicPermission.MqttActivity.SUBSCRIBE)));
            output.getDefaultPermissions().setDefaultBehaviour(DefaultAuthorizationBehaviour.DENY);
            output.authenticateSuccessfully();
            return;
        }
        Optional<String> topic = DeviceId.isValid(user) ? publishTopic(DeviceId.of(user), secret) : Optional.empty();
        if (topic.isEmpty()) {
            LOG.info("MQTT connection refused: bad user name or password");
            output.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "bad user name or password");
            return;
        }
        output.getDefaultPermissions().add(allow(topic.get(), TopicPermission.MqttActivity.PUBLISH));
        output.getDefaultPermissions().setDefaultBehaviour(DefaultAuthorizationBehaviour.DENY);
        output.authenticateSuccessfully();
    }

    /** The one topic an enabled sensor or gateway with this secret may publish to; empty when none. */
    private Optional<String> publishTopic(DeviceId id, char[] secret) {
        Optional<Sensor> sensor = registry.findSensor(id);
        if (sensor.isPresent()) {
            Sensor s = sensor.get();
            return s.enabled() && credentials.verify(id, secret)
                    ? Optional.of(MqttTopics.sensorUplink(s.municipality(), s.id()))
                    : Optional.empty();
        }
        return gateways.findGateway(id)
                .filter(Gateway::enabled)
                .filter(g -> gatewayCredentials.verify(id, secret))
                .map(g -> MqttTopics.gatewayDetections(g.municipality(), g.id()));
    }

    private static TopicPermission allow(String filter, TopicPermission.MqttActivity activity) {
        return Builders.topicPermission()
                .topicFilter(filter)
                .type(TopicPermission.PermissionType.ALLOW)
                .activity(activity)
                .build();
    }

    private static char[] chars(ByteBuffer password) {
        CharBuffer decoded = StandardCharsets.UTF_8.decode(password.asReadOnlyBuffer());
        char[] out = new char[decoded.remaining()];
        decoded.get(out);
        return out;
    }
}
