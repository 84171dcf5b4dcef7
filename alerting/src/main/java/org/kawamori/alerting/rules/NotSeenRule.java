package org.kawamori.alerting.rules;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * Tell the family when the tag was not seen, evaluated on each tick; the alert clears at the tag's
 * next sighting. Local times are in the rule's zone (Asia/Tokyo by default).
 */
public sealed interface NotSeenRule {

    ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    /** Whether the rule fires at {@code now}, given the last sighting (empty: never seen). */
    boolean firesAt(Instant now, Optional<Instant> lastSeen);

    /** A short description for the notice's facts, e.g. {@code quiet PT1H 07:00-18:00}. */
    String describe();

    /**
     * Not seen for {@code silence} within the hours {@code from}..{@code to} (the silence counts from
     * the start of the hours at the earliest, so last night's sighting does not fire at 07:00).
     */
    record QuietFor(Duration silence, LocalTime from, LocalTime to, ZoneId zone) implements NotSeenRule {
        public QuietFor {
            Objects.requireNonNull(silence, "silence");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(zone, "zone");
            if (!from.isBefore(to)) {
                throw new IllegalArgumentException("the hours must start before they end (same day)");
            }
        }

        @Override
        public boolean firesAt(Instant now, Optional<Instant> lastSeen) {
            ZonedDateTime local = now.atZone(zone);
            LocalTime time = local.toLocalTime();
            if (time.isBefore(from) || !time.isBefore(to)) {
                return false;
            }
            Instant windowStart = local.with(from).toInstant();
            Instant since = lastSeen.filter(seen -> seen.isAfter(windowStart)).orElse(windowStart);
            return !now.isBefore(since.plus(silence));
        }

        @Override
        public String describe() {
            return "quiet " + silence + " " + from + "-" + to;
        }
    }

    /** Not seen at or after {@code since} by {@code by} of the same day (e.g. since 15:00 by 16:30). */
    record NotSinceBy(LocalTime since, LocalTime by, ZoneId zone) implements NotSeenRule {
        public NotSinceBy {
            Objects.requireNonNull(since, "since");
            Objects.requireNonNull(by, "by");
            Objects.requireNonNull(zone, "zone");
            if (!since.isBefore(by)) {
                throw new IllegalArgumentException("'since' must be before 'by' (same day)");
            }
        }

        @Override
        public boolean firesAt(Instant now, Optional<Instant> lastSeen) {
            ZonedDateTime local = now.atZone(zone);
            if (local.toLocalTime().isBefore(by)) {
                return false;
            }
            Instant sinceToday = local.with(since).toInstant();
            return lastSeen.map(seen -> seen.isBefore(sinceToday)).orElse(true);
        }

        @Override
        public String describe() {
            return "not since " + since + " by " + by;
        }
    }
}
