package org.kawamori.ingest.broker;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.kawamori.core.port.DeviceCredentials;
import org.kawamori.core.port.GatewayRegistry;
import org.kawamori.core.port.ReaderAccounts;
import org.kawamori.core.port.SensorRegistry;

/**
 * An embedded HiveMQ CE broker for the demo, with the device registry as its authentication and
 * authorization: a device connects with its id and password and may publish only to its own uplink
 * topic. Anonymous usage statistics are off, and the QoS 1 queue is raised so that nothing is dropped
 * while the ingest is briefly away.
 */
public final class EmbeddedBroker implements AutoCloseable {

    private final EmbeddedBrokerConfig config;
    private final EmbeddedHiveMQ hivemq;
    private final ServiceAccount serviceAccount = ServiceAccount.random();

    /** Sensors only: no gateway can log in. */
    public EmbeddedBroker(EmbeddedBrokerConfig config, SensorRegistry registry, DeviceCredentials credentials)
            throws IOException {
        this(config, registry, credentials, id -> Optional.empty(), (id, secret) -> false);
    }

    /**
     * Sensors may publish to their uplink topic, gateways to their detections topic, each after its
     * secret is verified against its registry.
     */
    public EmbeddedBroker(
            EmbeddedBrokerConfig config,
            SensorRegistry registry,
            DeviceCredentials credentials,
            GatewayRegistry gateways,
            DeviceCredentials gatewayCredentials)
            throws IOException {
        this(config, registry, credentials, gateways, gatewayCredentials, ReaderAccounts.none());
    }

    /**
     * Devices as above, and readers (families) who may subscribe to exactly the topics {@code readers}
     * names for them and publish nothing.
     */
    public EmbeddedBroker(
            EmbeddedBrokerConfig config,
            SensorRegistry registry,
            DeviceCredentials credentials,
            GatewayRegistry gateways,
            DeviceCredentials gatewayCredentials,
            ReaderAccounts readers)
            throws IOException {
        this.config = config;
        Path root = config.dataDirectory();
        Path conf = Files.createDirectories(root.resolve("conf"));
        Path extensions = Files.createDirectories(root.resolve("extensions"));
        Path data = Files.createDirectories(root.resolve("data"));
        Files.writeString(conf.resolve("config.xml"), configXml(), StandardCharsets.UTF_8);
        DeviceAuthenticator authenticator =
                new DeviceAuthenticator(registry, credentials, gateways, gatewayCredentials, readers, serviceAccount);
        EmbeddedExtension extension = EmbeddedExtension.builder()
                .withId("kawamori-device-registry")
                .withName("Kawamori device registry")
                .withVersion("1")
                .withAuthor("Kawamori")
                .withPriority(1000)
                .withStartPriority(1000)
                .withExtensionMain(new ExtensionMain() {
                    @Override
                    public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
                        Services.securityRegistry().setAuthenticatorProvider(providerInput -> authenticator);
                    }

                    @Override
                    public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {}
                })
                .build();
        this.hivemq = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(conf)
                .withDataFolder(data)
                .withExtensionsFolder(extensions)
                .withEmbeddedExtension(extension)
                .withoutLoggingBootstrap()
                .build();
    }

    /** Starts the broker and waits until it listens. */
    public void start() throws InterruptedException, ExecutionException, TimeoutException {
        hivemq.start().get(60, TimeUnit.SECONDS);
    }

    public String url() {
        return "tcp://" + config.host() + ":" + config.port();
    }

    /** The identity under which Kawamori's own clients connect to this broker. */
    public ServiceAccount serviceAccount() {
        return serviceAccount;
    }

    private String configXml() {
        return """
                <?xml version="1.0"?>
                <hivemq>
                  <listeners>
                    <tcp-listener>
                      <port>%d</port>
                      <bind-address>%s</bind-address>
                    </tcp-listener>
                  </listeners>
                  <mqtt>
                    <queued-messages>
                      <max-queue-size>%d</max-queue-size>
                    </queued-messages>
                  </mqtt>
                  <anonymous-usage-statistics>
                    <enabled>false</enabled>
                  </anonymous-usage-statistics>
                </hivemq>
                """
                .formatted(config.port(), config.host(), config.maxQueuedMessages());
    }

    @Override
    public void close() throws Exception {
        hivemq.stop().get(30, TimeUnit.SECONDS);
        hivemq.close();
    }
}
