package org.kawamori.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * The benchmark harness itself, at a tiny size on the local PostgreSQL: it loads and checks what it
 * claims, and leaves nothing behind. Its rates are not asserted: a figure comes from a real run.
 */
class StoreBenchmarkTest {

    private static final String LOCAL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    @Test
    void aSmallRunLoadsBothWaysTimesTheQueriesAndDropsItsSchema() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        StoreOptions options = StoreOptions.parse(new String[] {
            "--db-url",
            LOCAL,
            "--rows",
            "4000",
            "--rounds",
            "1",
            "--batch-rows",
            "500",
            "--sensors",
            "50",
            "--tags",
            "200",
            "--history",
            "4",
            "--detections-per-tag",
            "3",
            "--query-runs",
            "3"
        });

        StoreBenchmark.Result result =
                new StoreBenchmark(options, new PrintStream(printed, true, StandardCharsets.UTF_8)).run();

        String report = printed.toString(StandardCharsets.UTF_8);
        assertThat(report)
                .contains("round 1  writer         4,000 rows")
                .contains("round 1  bare COPY      4,000 rows")
                .contains("ratio writer / bare COPY:")
                .contains("latest state of 50 sensors (200 readings stored)")
                .contains("200 tags in 10 municipalities (600 detections stored)");
        assertThat(result.sensorsReturned()).isEqualTo(50);
        assertThat(result.tagsReturned()).isEqualTo(200);
        assertThat(result.writerRowsPerSecond()).isPositive();
        try (Connection c = DriverManager.getConnection(LOCAL);
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery(
                        "select count(*) from information_schema.schemata where schema_name = 'kawamori_bench'")) {
            rows.next();
            assertThat(rows.getInt(1)).as("the bench schema is dropped").isZero();
        }
    }

    @Test
    void unknownOptionsAreRefusedWithTheUsage() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = Bench.run(
                new String[] {"store", "--rowz", "5"},
                new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("unknown option: --rowz")
                .contains("usage:");
    }
}
