package org.kawamori.timeseries;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kawamori.core.ingest.DeadLetter;
import org.kawamori.core.ingest.RejectionReason;
import org.kawamori.core.ingest.Transport;
import org.kawamori.timeseries.fixtures.OnBothServers;

class PostgresDeadLetterStoreTest extends OnBothServers {

    private static final Instant T0 = Instant.parse("2026-07-01T00:00:00Z");

    private PostgresDeadLetterStore store;

    @BeforeEach
    void newStore() {
        store = new PostgresDeadLetterStore(db.dataSource());
    }

    @Test
    void aDeadLetterIsKeptWithEverythingAboutIt() {
        DeadLetter letter = new DeadLetter(
                T0,
                Transport.MQTT,
                "kawamori/282103/sensors/ghost-gauge/up",
                "ghost-gauge",
                RejectionReason.UNKNOWN_DEVICE,
                "'ghost-gauge' is not registered",
                new byte[] {'[', 0, (byte) 0xff, ']'},
                2002);

        store.record(letter);

        assertThat(store.recent(10)).singleElement().usingRecursiveComparison().isEqualTo(letter);
    }

    @Test
    void aDeadLetterWithoutClaimedDeviceIsKept() {
        store.record(letter(0, Transport.COAP, null, RejectionReason.WRONG_TOPIC));

        assertThat(store.recent(10)).singleElement().satisfies(d -> {
            assertThat(d.claimedDevice()).isNull();
            assertThat(d.transport()).isEqualTo(Transport.COAP);
            assertThat(d.reason()).isEqualTo(RejectionReason.WRONG_TOPIC);
        });
    }

    @Test
    void recentListsTheNewestFirstAndAtMostTheLimit() {
        store.record(letter(10, Transport.MQTT, "a", RejectionReason.MALFORMED_PAYLOAD));
        store.record(letter(30, Transport.MQTT, "c", RejectionReason.MALFORMED_PAYLOAD));
        store.record(letter(20, Transport.HTTPS, "b", RejectionReason.MALFORMED_PAYLOAD));

        assertThat(store.recent(2)).extracting(DeadLetter::claimedDevice).containsExactly("c", "b");
        assertThat(store.recent(0)).isEmpty();
    }

    @Test
    void countCountsEveryDeadLetter() {
        assertThat(store.count()).isZero();
        for (RejectionReason reason : RejectionReason.values()) {
            store.record(letter(0, Transport.MQTT, "gauge", reason));
        }

        assertThat(store.count()).isEqualTo(RejectionReason.values().length);
        assertThat(store.recent(100))
                .extracting(DeadLetter::reason)
                .containsExactlyInAnyOrder(RejectionReason.values());
    }

    private static DeadLetter letter(int secondsAfterT0, Transport transport, String device, RejectionReason reason) {
        byte[] payload = "{not senml".getBytes(UTF_8);
        return new DeadLetter(
                T0.plusSeconds(secondsAfterT0), transport, "/s/x", device, reason, "detail", payload, payload.length);
    }
}
