package org.kawamori.ingest.mqtt;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the ingest connects to the MQTT broker.
 *
 * @param brokerUrl e.g. {@code tcp://127.0.0.1:1883}
 * @param clientId stable per instance, so that the persistent session survives restarts (default
 *     {@value #DEFAULT_CLIENT_ID})
 * @param username user of the ingest at the broker, empty for an anonymous broker
 * @param password its password (never logged)
 * @param sharedGroup MQTT 5 shared-subscription group, so that several instances split the load
 *     (default none: one instance takes all)
 * @param sessionExpiry how long the broker keeps the session and queued QoS 1 messages while the
 *     ingest is away (default 1 day)
 * @param commitTimeout how long a message may wait for its commit before it is left unacknowledged
 *     (default 30 s)
 * @param resumeAfterFailure pause before the session is resumed to get unacknowledged messages
 *     again after a failed commit (default 5 s)
 * @param maxInFlight most messages processed at once (default 1,000); with that many not yet
 *     committed the ingest reads nothing more until one is, and TCP holds the broker back (the broker
 *     is told the largest receive maximum, see {@code MqttIngestClient.BROKER_RECEIVE_MAXIMUM})
 */
public record MqttIngestConfig(
        String brokerUrl,
        String clientId,
        Optional<String> username,
        Optional<String> password,
        Optional<String> sharedGroup,
        Duration sessionExpiry,
        Duration commitTimeout,
        Duration resumeAfterFailure,
        int maxInFlight) {

    public static final Duration DEFAULT_RESUME_AFTER_FAILURE = Duration.ofSeconds(5);
    public static final String DEFAULT_CLIENT_ID = "kawamori-ingest-1";
    public static final Duration DEFAULT_SESSION_EXPIRY = Duration.ofDays(1);
    public static final Duration DEFAULT_COMMIT_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_IN_FLIGHT = 1_000;

    public MqttIngestConfig {
        Objects.requireNonNull(brokerUrl, "brokerUrl");
        Objects.requireNonNull(clientId, "clientId");
        if (maxInFlight < 1 || maxInFlight > 65_535) {
            throw new IllegalArgumentException("maxInFlight must be 1..65535");
        }
    }

    public static MqttIngestConfig of(String brokerUrl) {
        return new MqttIngestConfig(
                brokerUrl,
                DEFAULT_CLIENT_ID,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                DEFAULT_SESSION_EXPIRY,
                DEFAULT_COMMIT_TIMEOUT,
                DEFAULT_RESUME_AFTER_FAILURE,
                DEFAULT_MAX_IN_FLIGHT);
    }

    public MqttIngestConfig withCredentials(String user, String secret) {
        return new MqttIngestConfig(
                brokerUrl,
                clientId,
                Optional.of(user),
                Optional.of(secret),
                sharedGroup,
                sessionExpiry,
                commitTimeout,
                resumeAfterFailure,
                maxInFlight);
    }

    public MqttIngestConfig withClientId(String id) {
        return new MqttIngestConfig(
                brokerUrl,
                id,
                username,
                password,
                sharedGroup,
                sessionExpiry,
                commitTimeout,
                resumeAfterFailure,
                maxInFlight);
    }

    public MqttIngestConfig withSharedGroup(String group) {
        return new MqttIngestConfig(
                brokerUrl,
                clientId,
                username,
                password,
                Optional.of(group),
                sessionExpiry,
                commitTimeout,
                resumeAfterFailure,
                maxInFlight);
    }

    /** How long the broker keeps this instance's session while it is away. */
    public MqttIngestConfig withSessionExpiry(Duration expiry) {
        return new MqttIngestConfig(
                brokerUrl,
                clientId,
                username,
                password,
                sharedGroup,
                expiry,
                commitTimeout,
                resumeAfterFailure,
                maxInFlight);
    }

    public MqttIngestConfig withMaxInFlight(int max) {
        return new MqttIngestConfig(
                brokerUrl,
                clientId,
                username,
                password,
                sharedGroup,
                sessionExpiry,
                commitTimeout,
                resumeAfterFailure,
                max);
    }

    /**
     * The subscriptions: the sensor uplink and gateway detection filters, inside a shared group when
     * one is set.
     */
    public List<String> subscriptions() {
        return MqttTopics.INGEST_FILTERS.stream()
                .map(filter ->
                        sharedGroup.map(g -> "$share/" + g + "/" + filter).orElse(filter))
                .toList();
    }

    @Override
    public String toString() {
        return "MqttIngestConfig[" + brokerUrl + ", client " + clientId + ", user " + username.orElse("-")
                + ", password " + (password.isPresent() ? "****" : "-") + ", shared " + sharedGroup.orElse("-") + "]";
    }
}
