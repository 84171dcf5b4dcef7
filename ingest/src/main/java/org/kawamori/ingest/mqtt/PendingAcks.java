package org.kawamori.ingest.mqtt;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The QoS 1 messages of the current connection that still owe the broker an answer, and what becomes
 * of each: acknowledged once its data is safe, or withheld so that the broker delivers it again.
 *
 * <pre>
 *  arrived(a) arrived(b) arrived(c)      done(b, safe)   → acknowledge b
 *     │          │          │            done(a, unsafe) → withheld: no PUBACK on this connection
 *     ▼          ▼          ▼            connectionEnded → a and c are released: acknowledged to the
 *  [ a open | b open | c open ]                            client only, which sends nothing for a
 *                                                          connection that is gone; the broker
 *                                                          delivers them again on the next one
 * </pre>
 *
 * The MQTT client sends the PUBACKs in the order the messages arrived (MQTT 5 §4.6), so a withheld
 * message holds back the acknowledgements behind it until the session is resumed; they come again
 * with it, and the store's idempotent writes absorb the second copy. Every message is released when
 * its connection ends, because the client keeps each one in its receive window until it is
 * acknowledged. A message done after its connection ended changes nothing.
 */
final class PendingAcks {

    /** Tells the MQTT client that one message is handled ({@code Mqtt5Publish::acknowledge}). */
    @FunctionalInterface
    interface Acknowledgement {
        void send();
    }

    /** One arrived message, as handed back to {@link #done}. */
    static final class Arrival {
        private final Acknowledgement acknowledgement;
        private final long connection;

        private Arrival(Acknowledgement acknowledgement, long connection) {
            this.acknowledgement = acknowledgement;
            this.connection = connection;
        }
    }

    private final Set<Arrival> open = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<Arrival> held = new ArrayList<>();
    private long connection;
    private long sent;
    private long withheld;

    synchronized Arrival arrived(Acknowledgement acknowledgement) {
        Arrival arrival = new Arrival(acknowledgement, connection);
        open.add(arrival);
        return arrival;
    }

    /**
     * Marks a message done.
     *
     * @param safe whether its data is safe (committed or dead-lettered); if not, it stays
     *     unacknowledged for the broker to deliver again
     */
    synchronized void done(Arrival arrival, boolean safe) {
        if (arrival.connection != connection || !open.remove(arrival)) {
            return; // released when its connection ended
        }
        if (safe) {
            arrival.acknowledgement.send();
            sent++;
        } else {
            held.add(arrival);
            withheld++;
        }
    }

    /** The connection ended: what is open or withheld is released, and is delivered again. */
    synchronized void connectionEnded() {
        connection++;
        open.forEach(a -> a.acknowledgement.send());
        held.forEach(a -> a.acknowledgement.send());
        open.clear();
        held.clear();
    }

    synchronized int open() {
        return open.size();
    }

    synchronized long sent() {
        return sent;
    }

    synchronized long withheld() {
        return withheld;
    }
}
