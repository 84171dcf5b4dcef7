package org.kawamori.simulators.play;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The one-line progress display of a long run: simulated time, messages sent, acknowledged, failed,
 * and the acknowledgement rate over the last second. On a terminal the line is redrawn in place
 * ({@code \r}); otherwise (a log file) a line is printed every {@code logEvery}.
 */
public final class ProgressLine implements AutoCloseable {

    private static final DateTimeFormatter JST =
            DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT).withZone(ZoneId.of("Asia/Tokyo"));

    private final PrintStream out;
    private final boolean inPlace;
    private final Counters counters;
    private final Supplier<Instant> simNow;
    private final Thread thread;
    private volatile boolean running = true;

    public ProgressLine(
            PrintStream out, boolean inPlace, Counters counters, Supplier<Instant> simNow, Duration logEvery) {
        this.out = out;
        this.inPlace = inPlace;
        this.counters = counters;
        this.simNow = simNow;
        this.thread = new Thread(() -> loop(inPlace ? Duration.ofSeconds(1) : logEvery), "kawamori-sim-progress");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop(Duration every) {
        long lastAcked = 0;
        long lastNanos = System.nanoTime();
        while (running) {
            try {
                Thread.sleep(every.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            Counters.Totals t = counters.totals();
            long nanos = System.nanoTime();
            double rate = (t.acked() - lastAcked) * 1e9 / Math.max(1, nanos - lastNanos);
            lastAcked = t.acked();
            lastNanos = nanos;
            print(line(t, rate));
        }
    }

    /** The line as shown, e.g. {@code sim 09-21 14:30 JST  sent 1,234  acked 1,230  failed 0  in flight 4  52.0 msg/s}. */
    String line(Counters.Totals t, double rate) {
        return String.format(
                Locale.ROOT,
                "sim %s JST  sent %,d  acked %,d  failed %,d  in flight %,d  %.1f msg/s",
                JST.format(simNow.get()),
                t.sent(),
                t.acked(),
                t.failed(),
                t.inFlight(),
                rate);
    }

    private synchronized void print(String line) {
        if (inPlace) {
            out.print("\r" + line + "\u001b[K");
        } else {
            out.println(line);
        }
        out.flush();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        if (inPlace) {
            out.println();
        }
    }
}
