package org.kawamori.bench;

import java.util.Arrays;

/** Nearest-rank percentiles of timed runs, in milliseconds. */
record Percentiles(double p50, double p95, double max) {

    static Percentiles of(double[] millis) {
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        return new Percentiles(rank(sorted, 0.50), rank(sorted, 0.95), sorted[sorted.length - 1]);
    }

    static double median(double[] values) {
        return of(values).p50();
    }

    private static double rank(double[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
    }

    @Override
    public String toString() {
        return String.format("p50 %.1f ms, p95 %.1f ms, max %.1f ms", p50, p95, max);
    }
}
