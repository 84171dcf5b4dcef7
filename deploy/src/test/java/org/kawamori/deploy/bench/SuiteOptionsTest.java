package org.kawamori.deploy.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What an operator types after {@code bench suite}, and how its figures are written. */
class SuiteOptionsTest {

    static final String DB = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

    @Test
    void withOnlyTheDatabaseTheSuiteRunsItsOwnBrokerAndTheDefaults() {
        SuiteOptions o = SuiteOptions.parse(new String[] {"--db-url", DB});

        assertThat(o.mqttUrl()).isEmpty();
        assertThat(o.readings()).isEqualTo(200_000);
        assertThat(o.sensors() % o.publishers())
                .as("each sensor stays on one connection")
                .isZero();
        assertThat(o.batches() * o.batchSize()).isEqualTo(500_000);
        assertThat(o.window()).isEqualTo(20);
        assertThat(o.warmUpPercent()).as("each run once first, unmeasured").isEqualTo(100);
        assertThat(o.alertRate()).as("the load the alert target is stated for").isEqualTo(10_000);
        assertThat(o.alertWarmUpSeconds()).isEqualTo(60);
    }

    @Test
    void everyOptionOfTheUsageIsUnderstood() {
        SuiteOptions o = SuiteOptions.parse(new String[] {
            "--db-url",
            DB,
            "--mqtt-url",
            "tcp://broker:1883",
            "--readings",
            "10",
            "--sensors",
            "8",
            "--batches",
            "3",
            "--batch-size",
            "7",
            "--gateways",
            "2",
            "--tags",
            "9",
            "--publishers",
            "2",
            "--window",
            "5",
            "--alert-rate",
            "100",
            "--alert-seconds",
            "4",
            "--alert-warm-up",
            "6",
            "--warm-up",
            "0"
        });

        assertThat(o)
                .isEqualTo(
                        new SuiteOptions(DB, Optional.of("tcp://broker:1883"), 10, 8, 3, 7, 2, 9, 2, 5, 100, 4, 6, 0));
    }

    @Test
    void aMissingDatabaseAMistypedOptionOrABadNumberIsAClearError() {
        assertThatThrownBy(() -> SuiteOptions.parse(new String[] {})).hasMessageContaining("--db-url is required");
        assertThatThrownBy(() -> SuiteOptions.parse(new String[] {"--db-url", DB, "--reading", "5"}))
                .hasMessage("unknown option --reading");
        assertThatThrownBy(() -> SuiteOptions.parse(new String[] {"--db-url", DB, "--readings", "-5"}))
                .hasMessage("--readings must be a positive whole number");
        assertThatThrownBy(() -> SuiteOptions.parse(new String[] {"--db-url", DB, "--warm-up", "150"}))
                .hasMessage("--warm-up must be a percentage from 0 to 100");
        assertThatThrownBy(() -> SuiteOptions.parse(new String[] {"--db-url", DB, "--window"}))
                .hasMessage("--window needs a value");
    }

    @Test
    void figuresAreWrittenWithThousandsAndSharesInPercent() {
        assertThat(BenchSuite.rate(26_330.4, "rows/s")).isEqualTo("26,330 rows/s");
        assertThat(BenchSuite.rate(Double.NaN, "msg/s")).isEqualTo("n/a");
        assertThat(BenchSuite.percent(4_488.0 / 13_249)).isEqualTo("34 %");
    }
}
