package org.kawamori.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class OrderedAcksTest {

    private final List<Integer> pubacks = new CopyOnWriteArrayList<>();
    private final OrderedAcks acks = new OrderedAcks((id, qos) -> pubacks.add(id));

    @Test
    void acknowledgementsGoOutInArrivalOrderThoughMessagesFinishInAnyOrder() {
        OrderedAcks.Arrival one = acks.arrived(1, 1);
        OrderedAcks.Arrival two = acks.arrived(2, 1);
        OrderedAcks.Arrival three = acks.arrived(3, 1);

        acks.done(three, true);
        acks.done(two, true);
        assertThat(pubacks).isEmpty();

        acks.done(one, true);
        assertThat(pubacks).containsExactly(1, 2, 3);
        assertThat(acks.open()).isZero();
    }

    @Test
    void aMessageThatWasNotCommittedIsNotAcknowledgedButDoesNotHoldUpTheOthers() {
        OrderedAcks.Arrival one = acks.arrived(1, 1);
        OrderedAcks.Arrival two = acks.arrived(2, 1);

        acks.done(one, false);
        acks.done(two, true);

        assertThat(pubacks).containsExactly(2);
        assertThat(acks.withheld()).isEqualTo(1);
    }

    @Test
    void whatWasOpenWhenTheConnectionEndedIsNeverAcknowledgedOnTheNextOne() {
        OrderedAcks.Arrival old = acks.arrived(7, 1);
        acks.newConnection();
        OrderedAcks.Arrival fresh = acks.arrived(8, 1);

        acks.done(old, true);
        acks.done(fresh, true);

        assertThat(pubacks).containsExactly(8);
    }

    @Test
    void qosZeroMessagesAreTrackedButNeverAcknowledged() {
        OrderedAcks.Arrival zero = acks.arrived(0, 0);
        OrderedAcks.Arrival one = acks.arrived(5, 1);

        acks.done(one, true);
        assertThat(pubacks).isEmpty();
        acks.done(zero, true);

        assertThat(pubacks).containsExactly(5);
    }

    @Test
    void aFailingSendIsCountedAsWithheld() {
        OrderedAcks failing = new OrderedAcks((id, qos) -> {
            throw new IllegalStateException("not connected (test)");
        });
        OrderedAcks.Arrival one = failing.arrived(1, 1);

        failing.done(one, true);

        assertThat(failing.sent()).isZero();
        assertThat(failing.withheld()).isEqualTo(1);
    }
}
