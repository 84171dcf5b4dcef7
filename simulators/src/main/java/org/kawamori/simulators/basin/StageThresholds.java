package org.kawamori.simulators.basin;

import java.util.Locale;

/**
 * A gauge's river stages in metres (水位危険度レベル): 1 水防団待機水位, 2 氾濫注意水位, 3 避難判断水位,
 * 4 氾濫危険水位, 5 氾濫発生, ascending. Each simulated gauge has its own, as real stations do.
 */
public record StageThresholds(double[] metres) {

    public StageThresholds {
        if (metres.length != 5) {
            throw new IllegalArgumentException("five stages");
        }
        for (int i = 1; i < 5; i++) {
            if (!(metres[i] > metres[i - 1])) {
                throw new IllegalArgumentException("stages must ascend");
            }
        }
        metres = metres.clone();
    }

    /** Threshold of stage {@code n} (1..5). */
    public double of(int n) {
        return metres[n - 1];
    }

    /** The highest stage {@code level} reaches, 0 below stage 1. */
    public int stageOf(double level) {
        int stage = 0;
        for (int i = 0; i < 5; i++) {
            if (level >= metres[i]) {
                stage = i + 1;
            }
        }
        return stage;
    }

    /** As the alert setting {@code station.<id>.river-stage.thresholds-m} takes it: {@code 1:1.50,2:2.60,…}. */
    public String asSetting() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            s.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%d:%.2f", i + 1, metres[i]));
        }
        return s.toString();
    }
}
