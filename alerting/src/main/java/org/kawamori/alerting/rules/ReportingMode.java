package org.kawamori.alerting.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * How a sensor reports, and so when its next report is due. A sensor is missing (欠測) once
 * {@link #overdueAfter} has passed without a report: a function of the mode and the last report, not
 * one fixed timeout.
 */
public sealed interface ReportingMode {

    Setting<Duration> PERIODIC_EVERY = Setting.duration("reporting.periodic.every", Duration.ofMinutes(10));
    Setting<Duration> PERIODIC_GRACE = Setting.duration("reporting.periodic.grace", Duration.ofMinutes(5));
    Setting<Duration> CRISIS_CALM_EVERY = Setting.duration("reporting.crisis.calm-every", Duration.ofHours(24));
    Setting<Duration> CRISIS_ACTIVE_EVERY = Setting.duration("reporting.crisis.active-every", Duration.ofMinutes(10));
    Setting<Duration> CRISIS_CALM_GRACE = Setting.duration("reporting.crisis.calm-grace", Duration.ofHours(1));
    Setting<Duration> CRISIS_ACTIVE_GRACE = Setting.duration("reporting.crisis.active-grace", Duration.ofMinutes(5));
    Setting<Duration> EVENT_HEALTH_CHECK = Setting.duration("reporting.event.health-check", Duration.ofHours(24));
    Setting<Duration> EVENT_GRACE = Setting.duration("reporting.event.grace", Duration.ofHours(1));

    /** When the sensor counts as missing if nothing came after {@code lastReport}. */
    Instant overdueAfter(Instant lastReport, OptionalDouble lastLevel);

    /** A stable code for the facts, e.g. {@code periodic}. */
    String code();

    /**
     * Expected once every {@code every}: a periodic sensor ({@value #PERIODIC}), or the daily health
     * check of a sensor that reports on event ({@value #ON_EVENT}, one-coin inundation sensors).
     */
    record Regular(String code, Duration every, Duration grace) implements ReportingMode {
        public static final String PERIODIC = "periodic";
        public static final String ON_EVENT = "on-event";

        public Regular {
            Objects.requireNonNull(code, "code");
            requirePositive(every, grace);
        }

        public static Regular periodic(Duration every, Duration grace) {
            return new Regular(PERIODIC, every, grace);
        }

        public static Regular periodic(Settings settings) {
            return periodic(settings.get(PERIODIC_EVERY), settings.get(PERIODIC_GRACE));
        }

        public static Regular onEvent(Settings settings) {
            return new Regular(ON_EVENT, settings.get(EVENT_HEALTH_CHECK), settings.get(EVENT_GRACE));
        }

        @Override
        public Instant overdueAfter(Instant lastReport, OptionalDouble lastLevel) {
            return lastReport.plus(every).plus(grace);
        }
    }

    /**
     * A crisis-management gauge (危機管理型水位計): once every {@code calmEvery} while calm, every
     * {@code activeEvery} once the level is at or above the observation-start level.
     */
    record CrisisGauge(
            double observationStartMetres,
            Duration calmEvery,
            Duration activeEvery,
            Duration calmGrace,
            Duration activeGrace)
            implements ReportingMode {
        public CrisisGauge {
            requirePositive(calmEvery, calmGrace);
            requirePositive(activeEvery, activeGrace);
        }

        public static CrisisGauge of(double observationStartMetres, Settings settings) {
            return new CrisisGauge(
                    observationStartMetres,
                    settings.get(CRISIS_CALM_EVERY),
                    settings.get(CRISIS_ACTIVE_EVERY),
                    settings.get(CRISIS_CALM_GRACE),
                    settings.get(CRISIS_ACTIVE_GRACE));
        }

        @Override
        public Instant overdueAfter(Instant lastReport, OptionalDouble lastLevel) {
            boolean observing = lastLevel.isPresent() && lastLevel.getAsDouble() >= observationStartMetres;
            return observing
                    ? lastReport.plus(activeEvery).plus(activeGrace)
                    : lastReport.plus(calmEvery).plus(calmGrace);
        }

        @Override
        public String code() {
            return "crisis-gauge";
        }
    }

    private static void requirePositive(Duration interval, Duration grace) {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(grace, "grace");
        if (interval.isZero() || interval.isNegative() || grace.isNegative()) {
            throw new IllegalArgumentException("a reporting interval must be positive and its grace not negative");
        }
    }
}
