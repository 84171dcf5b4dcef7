package org.kawamori.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class PendingAcksTest {

    private final List<String> acknowledged = new CopyOnWriteArrayList<>();
    private final PendingAcks acks = new PendingAcks();

    private PendingAcks.Arrival arrived(String message) {
        return acks.arrived(() -> acknowledged.add(message));
    }

    @Test
    void aMessageIsAcknowledgedOnlyOnceItIsSafeWhateverTheOrderTheyFinishIn() {
        PendingAcks.Arrival one = arrived("one");
        PendingAcks.Arrival two = arrived("two");

        acks.done(two, true);
        assertThat(acknowledged).containsExactly("two");

        acks.done(one, true);
        assertThat(acknowledged).containsExactly("two", "one");
        assertThat(acks.open()).isZero();
        assertThat(acks.sent()).isEqualTo(2);
    }

    @Test
    void aMessageThatWasNotCommittedIsNotAcknowledgedWhileItsConnectionLasts() {
        PendingAcks.Arrival failed = arrived("failed");
        PendingAcks.Arrival fine = arrived("fine");

        acks.done(failed, false);
        acks.done(fine, true);

        assertThat(acknowledged).containsExactly("fine");
        assertThat(acks.withheld()).isEqualTo(1);
    }

    @Test
    void whenTheConnectionEndsWhatIsOpenOrWithheldIsReleasedToTheClientOnce() {
        PendingAcks.Arrival failed = arrived("failed");
        PendingAcks.Arrival stillRunning = arrived("still running");
        acks.done(failed, false);

        acks.connectionEnded();
        assertThat(acknowledged).containsExactlyInAnyOrder("failed", "still running");

        // finishing after its connection ended changes nothing: the broker delivers it again
        acks.done(stillRunning, true);
        acks.connectionEnded();
        assertThat(acknowledged).hasSize(2);
        assertThat(acks.sent()).isZero();
    }

    @Test
    void aMessageOfANewConnectionIsAcknowledgedAsUsual() {
        PendingAcks.Arrival old = arrived("old");
        acks.connectionEnded();
        PendingAcks.Arrival fresh = arrived("fresh");

        acks.done(old, true);
        acks.done(fresh, true);

        assertThat(acknowledged).containsExactly("old", "fresh");
        assertThat(acks.sent()).isEqualTo(1);
    }
}
