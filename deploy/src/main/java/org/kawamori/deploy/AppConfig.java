package org.kawamori.deploy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Everything the composition root needs to start one Kawamori, with every port already chosen.
 *
 * @param host address the HTTP, CoAP and embedded MQTT servers listen on
 * @param httpPort HTTP port (0 = any free port)
 * @param coapPort plain CoAP UDP port (0 = any free port, negative = no plain CoAP: it authenticates
 *     nobody)
 * @param gatewayHttpsPort HTTPS port of the gateway endpoint (0 = any free port)
 * @param coapsPort CoAP over DTLS UDP port (0 = any free port), used when there is a PSK master key
 * @param pskMasterKey base64 AES-256 key that seals the devices' DTLS keys in the database; empty: no
 *     DTLS endpoint
 * @param broker the embedded broker on a port, or an external broker
 * @param database the embedded PostgreSQL in a data directory, or an external one
 * @param simulators whether to play the demo basin
 * @param demoDevices whether to register demo-gauge-1 (password demo-secret)
 * @param ingestClientId MQTT client id of this instance (stable, so its session survives restarts)
 * @param ingestSessionExpiry how long the broker keeps this instance's MQTT session and queues QoS 1
 *     messages for it while it is away
 * @param settings what is not a command-line option (admin token, notification and alert settings),
 *     from the environment unless given
 */
public record AppConfig(
        String host,
        int httpPort,
        int coapPort,
        int gatewayHttpsPort,
        int coapsPort,
        Optional<String> pskMasterKey,
        Broker broker,
        Database database,
        boolean simulators,
        boolean demoDevices,
        String ingestClientId,
        Duration ingestSessionExpiry,
        AppSettings settings) {

    @Override
    public String toString() {
        return "AppConfig[" + host + ", http " + httpPort + ", coap " + coapPort + ", https " + gatewayHttpsPort
                + ", coaps " + coapsPort + ", psk master key " + (pskMasterKey.isPresent() ? "****" : "-") + ", "
                + broker + ", " + database + "]";
    }

    /** Where MQTT comes from. */
    public sealed interface Broker {
        /** HiveMQ CE inside this process, authenticating devices against the registry. */
        record Embedded(int port, Path dataDirectory) implements Broker {}

        /**
         * Any MQTT 5 broker (Mosquitto, EMQX, HiveMQ); the app still checks topics against the registry.
         *
         * @param sharedGroup when set, the ingest subscribes in this MQTT 5 shared subscription group, so
         *     that the instances of one group split the messages between them
         */
        record External(String url, Optional<String> user, Optional<String> password, Optional<String> sharedGroup)
                implements Broker {

            public External(String url, Optional<String> user, Optional<String> password) {
                this(url, user, password, Optional.empty());
            }

            public External inSharedGroup(String group) {
                return new External(url, user, password, Optional.of(group));
            }

            @Override
            public String toString() {
                return "External[" + url + ", user " + user.orElse("-") + ", password "
                        + (password.isPresent() ? "****" : "-") + ", shared group " + sharedGroup.orElse("-") + "]";
            }
        }
    }

    /** Where the data is kept. */
    public sealed interface Database {
        /** Embedded PostgreSQL with its data directory (fsync on, kept across restarts). */
        record Embedded(Path dataDirectory) implements Database {}

        /** An external PostgreSQL or TimescaleDB. */
        record External(String jdbcUrl) implements Database {
            @Override
            public String toString() {
                return "External[" + Secrets.maskUrl(jdbcUrl) + "]";
            }
        }
    }
}
