package org.kawamori.timeseries;

import java.time.Instant;
import java.util.Objects;

/**
 * The readings of one quantity of one device in one bucket.
 *
 * @param start the bucket's start ({@link Bucket#floor})
 * @param min the smallest value
 * @param max the largest value
 * @param avg the mean value
 * @param count how many readings the bucket holds (at least 1: empty buckets are not returned)
 * @param last the value of the newest reading in the bucket
 */
public record ReadingBucket(Instant start, double min, double max, double avg, long count, double last) {

    public ReadingBucket {
        Objects.requireNonNull(start, "start");
    }
}
