package org.kawamori.mapweb.ngsi;

import java.util.List;
import java.util.NavigableMap;
import org.kawamori.core.Reading;
import org.kawamori.core.SensorKind;
import org.kawamori.core.SensorState;
import org.kawamori.core.alert.AlertRecord;

/**
 * A sensor's flood state as the public map shows it ({@code app.js}, {@code stageOf}): 欠測 when it never
 * reported or an active {@code offline} alert says so; else the highest of the river stage its latest
 * level reaches by the gauge's thresholds, the level of its active {@code river-stage} alert (which holds
 * until lifted), and for an inundation sensor caution when wet ({@code >= 0.10 m} or an {@code inundation}
 * alert of step 1) and danger from step 2. One difference: stage 5 (氾濫発生) is {@link #FLOODING} here,
 * where the map draws it like stage 4.
 */
enum FloodState {
    NORMAL("normal", "平常", "normal"),
    STANDBY("standby", "水防団待機水位", "standby level"),
    CAUTION("caution", "氾濫注意水位", "flood warning level"),
    EVACUATE("evacuate", "避難判断水位", "evacuation decision level"),
    DANGER("danger", "氾濫危険水位", "flood danger level"),
    FLOODING("flooding", "氾濫発生", "flooding"),
    MISSING("missing", "欠測", "missing");

    /** The depth from which the map shows an inundation sensor as wet. */
    static final double WET_METRES = 0.10;

    private final String code;
    private final String nameJa;
    private final String nameEn;

    FloodState(String code, String nameJa, String nameEn) {
        this.code = code;
        this.nameJa = nameJa;
        this.nameEn = nameEn;
    }

    /** The {@code floodLevelStatus} value. */
    String code() {
        return code;
    }

    /** The river stage's name (水位危険度レベル) for stages 1..5. */
    String nameJa() {
        return nameJa;
    }

    String nameEn() {
        return nameEn;
    }

    /** The river stage 1..5 (0 for normal; 5 and above is flooding). */
    static FloodState ofStage(int stage) {
        return values()[Math.max(0, Math.min(stage, 5))];
    }

    /** The state of {@code state}'s sensor with its stage thresholds and its active public alerts. */
    static FloodState of(SensorState state, NavigableMap<Integer, Double> thresholds, List<AlertRecord> alerts) {
        if (state.latest().isEmpty()
                || alerts.stream().anyMatch(a -> a.alert().rule().equals("offline"))) {
            return MISSING;
        }
        Reading latest = state.latest().get();
        int worst = 0;
        if (state.sensor().kind() == SensorKind.RIVER_GAUGE) {
            for (var threshold : thresholds.entrySet()) {
                if (latest.value() >= threshold.getValue()) {
                    worst = Math.max(worst, threshold.getKey());
                }
            }
        } else if (latest.value() >= WET_METRES) {
            worst = 2;
        }
        for (AlertRecord a : alerts) {
            int rank =
                    switch (a.alert().rule()) {
                        case "river-stage" -> a.level();
                        case "inundation" -> a.level() >= 2 ? 4 : 2;
                        default -> 0;
                    };
            worst = Math.max(worst, rank);
        }
        return ofStage(worst);
    }
}
