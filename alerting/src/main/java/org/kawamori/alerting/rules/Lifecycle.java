package org.kawamori.alerting.rules;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.kawamori.core.Alert.Severity;

/** How often an open, unacknowledged alert is said again, by severity (none: never). */
public record Lifecycle(Map<Severity, Optional<Duration>> reminders) {

    public static final Setting<Optional<Duration>> CRITICAL =
            Setting.optionalDuration("reminders.critical", Optional.of(Duration.ofMinutes(30)));
    public static final Setting<Optional<Duration>> WARNING =
            Setting.optionalDuration("reminders.warning", Optional.of(Duration.ofHours(2)));
    public static final Setting<Optional<Duration>> INFO = Setting.optionalDuration("reminders.info", Optional.empty());

    public Lifecycle {
        reminders = Map.copyOf(reminders);
    }

    public static Lifecycle of(Settings settings) {
        return new Lifecycle(Map.of(
                Severity.CRITICAL, settings.get(CRITICAL),
                Severity.WARNING, settings.get(WARNING),
                Severity.INFO, settings.get(INFO)));
    }

    public Optional<Duration> reminderEvery(Severity severity) {
        return reminders.getOrDefault(severity, Optional.empty());
    }
}
