package org.kawamori.ingest.mqtt;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Acknowledges QoS 1 messages in the order they arrived (MQTT 5 §4.6: PUBACKs go out in the order of
 * the PUBLISH packets), each only once its processing is done, while many are processed at once.
 *
 * <pre>
 *  arrived(1) arrived(2) arrived(3)         done(2, ack)  → nothing yet: 1 is still open
 *     │          │          │               done(1, ack)  → PUBACK 1, PUBACK 2
 *     ▼          ▼          ▼               done(3, keep) → no PUBACK: the broker sends 3 again on
 *  [ 1 open | 2 open | 3 open ]                             the resumed session
 * </pre>
 *
 * A message is bound to the connection it came on. When the connection ends, its open messages are
 * forgotten: their outcome is never acknowledged on a later connection, where the broker delivers
 * them again (the idempotent store absorbs the second copy).
 */
final class OrderedAcks {

    /** Sends one PUBACK on the current connection. */
    @FunctionalInterface
    interface Sender {
        void ack(int messageId, int qos) throws Exception;
    }

    /** One arrived message, as handed back to {@link #done}. */
    static final class Arrival {
        private final int messageId;
        private final int qos;
        private final long connection;
        private boolean finished;
        private boolean acknowledge;

        private Arrival(int messageId, int qos, long connection) {
            this.messageId = messageId;
            this.qos = qos;
            this.connection = connection;
        }
    }

    private final Sender sender;
    private final Deque<Arrival> open = new ArrayDeque<>();
    private long connection;
    private long sent;
    private long withheld;

    OrderedAcks(Sender sender) {
        this.sender = sender;
    }

    /** Registers a message in arrival order; QoS 0 messages need no acknowledgement but are tracked too. */
    synchronized Arrival arrived(int messageId, int qos) {
        Arrival arrival = new Arrival(messageId, qos, connection);
        open.add(arrival);
        return arrival;
    }

    /**
     * Marks a message done and sends every acknowledgement that is now due, in arrival order.
     *
     * @param acknowledge whether its data is safe (committed or dead-lettered); if not, it is left for
     *     the broker to deliver again
     */
    synchronized void done(Arrival arrival, boolean acknowledge) {
        arrival.finished = true;
        arrival.acknowledge = acknowledge;
        while (!open.isEmpty() && open.peekFirst().finished) {
            Arrival head = open.pollFirst();
            if (!head.acknowledge) {
                withheld++;
            } else if (head.connection == connection && head.qos > 0) {
                try {
                    sender.ack(head.messageId, head.qos);
                    sent++;
                } catch (Exception e) {
                    withheld++; // the connection is gone: the broker delivers it again
                }
            }
        }
    }

    /** The connection ended (or a new one starts): what is still open is never acknowledged. */
    synchronized void newConnection() {
        connection++;
        open.clear();
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
