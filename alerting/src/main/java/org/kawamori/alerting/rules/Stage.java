package org.kawamori.alerting.rules;

import java.util.Arrays;
import org.kawamori.core.Alert.Severity;

/**
 * The river water-level stages (水位危険度レベル) and the severity each maps to. Stage 1 is the
 * flood-fighting corps' standby level, not a warning level for residents (INFO); stage 2 corresponds
 * to 警戒レベル2 (WARNING); stages 3 to 5 to 警戒レベル3–5, where residents are asked to evacuate
 * (CRITICAL).
 */
public enum Stage {
    STANDBY(1, "水防団待機水位", "standby level", Severity.INFO),
    WARNING(2, "氾濫注意水位", "flood warning level", Severity.WARNING),
    EVACUATION(3, "避難判断水位", "evacuation decision level", Severity.CRITICAL),
    DANGER(4, "氾濫危険水位", "flood danger level", Severity.CRITICAL),
    FLOODING(5, "氾濫発生", "flooding", Severity.CRITICAL);

    private final int number;
    private final String nameJa;
    private final String nameEn;
    private final Severity severity;

    Stage(int number, String nameJa, String nameEn, Severity severity) {
        this.number = number;
        this.nameJa = nameJa;
        this.nameEn = nameEn;
        this.severity = severity;
    }

    public static Stage of(int number) {
        return Arrays.stream(values())
                .filter(s -> s.number == number)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no river stage " + number));
    }

    public int number() {
        return number;
    }

    public String nameJa() {
        return nameJa;
    }

    public String nameEn() {
        return nameEn;
    }

    public Severity severity() {
        return severity;
    }
}
