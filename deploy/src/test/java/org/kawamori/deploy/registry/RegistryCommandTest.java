package org.kawamori.deploy.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kawamori.core.DeviceId;
import org.kawamori.core.TagId;
import org.kawamori.deploy.fixtures.LocalPostgres;
import org.kawamori.timeseries.Database;
import org.kawamori.timeseries.DatabaseConfig;
import org.kawamori.timeseries.PostgresDevicePsks;
import org.kawamori.timeseries.PostgresGatewayRegistry;
import org.kawamori.timeseries.PostgresSensorRegistry;
import org.kawamori.timeseries.PskSealer;
import org.kawamori.timeseries.TagRegistry;

class RegistryCommandTest {

    private static final String GOOD =
            """
            type,id,municipality,kind,name,lat,lon,secret,experimental
            sensor,kunikane,282103,RIVER_GAUGE,"加古川 国包, 水位計",34.7868,134.8466,s3cret-sensor,false
            gateway,cam-0142,282103,FIXED,加古川駅前,34.757,134.8412,s3cret-gateway,
            gateway,phone-7f3a,282162,PHONE,,,,tok,
            tag,secret-child-tag,282162,,,,,,
            """;

    @TempDir
    Path directory;

    private LocalPostgres postgres;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void freshDatabase() throws Exception {
        postgres = new LocalPostgres();
    }

    @AfterEach
    void dropDatabase() throws Exception {
        postgres.close();
    }

    @Test
    void aCsvImportRegistersSensorsGatewaysAndTagsWithHashedSecrets() throws Exception {
        assertThat(run("import", csv(GOOD))).isZero();

        assertThat(printed(out)).contains("imported 1 sensor(s), 2 gateway(s), 1 tag(s) (4 new)");
        try (Database db = database()) {
            PostgresSensorRegistry sensors = new PostgresSensorRegistry(db.dataSource());
            assertThat(sensors.findSensor(DeviceId.of("kunikane")).orElseThrow().name())
                    .isEqualTo("加古川 国包, 水位計");
            assertThat(sensors.verify(DeviceId.of("kunikane"), "s3cret-sensor".toCharArray()))
                    .isTrue();
            PostgresGatewayRegistry gateways = new PostgresGatewayRegistry(db.dataSource());
            assertThat(gateways.verify(DeviceId.of("cam-0142"), "s3cret-gateway".toCharArray()))
                    .isTrue();
            assertThat(gateways.findGateway(DeviceId.of("phone-7f3a"))
                            .orElseThrow()
                            .position())
                    .isEmpty();
            assertThat(new TagRegistry(db.dataSource()).municipalityOf(new TagId("secret-child-tag")))
                    .map(m -> m.value())
                    .contains("282162");
        }
    }

    @Test
    void oneBadLineAndNothingIsImportedWithEveryProblemNamedByItsLine() throws Exception {
        String bad =
                """
                type,id,municipality,kind,name,lat,lon,secret,experimental
                sensor,kunikane,282103,RIVER_GAUGE,国包,34.7868,134.8466,s3cret,false
                gateway,cam-0142,282103,FIXED,no position,,,x,
                sensor,bad id!,282103,RIVER_GAUGE,x,34,134,,
                tag,t1,131016,,,,,,
                gateway,g1,282103,SATELLITE,,,,,
                sensor,s2,282103,RIVER_GAUGE,x,north,134,,
                """;

        assertThat(run("import", csv(bad))).isEqualTo(1);

        assertThat(printed(err))
                .contains("line 3: a fixed gateway needs a registered position")
                .contains("line 4: id must be")
                .contains("line 5: municipality 131016 is not one of the basin's")
                .contains("line 6: kind must be one of FIXED, VEHICLE, PHONE")
                .contains("line 7: lat and lon must be decimal degrees")
                .contains("nothing imported: 5 bad line(s)")
                .doesNotContain("s3cret");
        try (Database db = database()) {
            assertThat(new PostgresSensorRegistry(db.dataSource()).sensors()).isEmpty();
        }
    }

    @Test
    void theListShowsDevicesButNeitherSecretsNorTagIds() throws Exception {
        run("import", csv(GOOD));
        out.reset();

        assertThat(run("list")).isZero();

        assertThat(printed(out))
                .contains("kunikane", "cam-0142", "phone-7f3a", "(moves)", "282162 1")
                .doesNotContain("s3cret", "tok", "secret-child-tag");
    }

    @Test
    void aDisabledGatewayCanNoLongerLogInAndAnUnknownOneIsRefused() throws Exception {
        run("import", csv(GOOD));

        assertThat(run("disable", "gateway", "cam-0142")).isZero();
        assertThat(run("disable", "gateway", "cam-9999")).isEqualTo(1);

        assertThat(printed(err)).contains("no gateway cam-9999 is registered");
        try (Database db = database()) {
            assertThat(new PostgresGatewayRegistry(db.dataSource())
                            .verify(DeviceId.of("cam-0142"), "s3cret-gateway".toCharArray()))
                    .isFalse();
        }
    }

    @Test
    void aDtlsKeyReadFromStdinIsStoredSealedAndOpensForTheDeviceButIsNeverPrinted() throws Exception {
        run("import", csv(GOOD));

        assertThat(runWithStdin("sensor-dtls-key\n", MASTER, "set-psk", "sensor", "kunikane"))
                .isZero();
        assertThat(runWithStdin("", MASTER, "set-psk", "gateway", "phone-7f3a", "--key-file", file("gateway-dtls-key")))
                .isZero();

        try (Database db = database()) {
            PostgresDevicePsks psks = new PostgresDevicePsks(
                    db.dataSource(), PskSealer.fromBase64(MASTER.get("KAWAMORI_PSK_MASTER_KEY")));
            assertThat(psks.pskOf(DeviceId.of("kunikane")))
                    .hasValueSatisfying(k ->
                            assertThat(new String(k, StandardCharsets.UTF_8)).isEqualTo("sensor-dtls-key"));
            assertThat(psks.pskOf(DeviceId.of("phone-7f3a")))
                    .hasValueSatisfying(k ->
                            assertThat(new String(k, StandardCharsets.UTF_8)).isEqualTo("gateway-dtls-key"));
        }
        assertThat(printed(out))
                .contains("stored a new DTLS key for sensor kunikane (sealed)")
                .doesNotContain("dtls-key");
        assertThat(printed(err)).doesNotContain("dtls-key");

        assertThat(run("remove-psk", "sensor", "kunikane")).isZero();
        assertThat(run("remove-psk", "sensor", "kunikane")).isEqualTo(1);
        assertThat(printed(err)).contains("sensor kunikane has no DTLS key");
    }

    @Test
    void setPskWithoutTheMasterKeyOrWithAShortKeyOrForAnUnknownDeviceIsRefusedClearly() throws Exception {
        run("import", csv(GOOD));

        assertThat(runWithStdin("sensor-dtls-key", Map.of(), "set-psk", "sensor", "kunikane"))
                .isEqualTo(2);
        assertThat(printed(err)).contains("KAWAMORI_PSK_MASTER_KEY is not set", "openssl rand -base64 32");
        assertThat(runWithStdin("short", MASTER, "set-psk", "sensor", "kunikane"))
                .isEqualTo(1);
        assertThat(printed(err)).contains("a DTLS key has 8 to 64 bytes; this one has 5");
        assertThat(runWithStdin("sensor-dtls-key", MASTER, "set-psk", "gateway", "kunikane"))
                .isEqualTo(1);
        assertThat(printed(err)).contains("no gateway kunikane is registered");
        assertThat(runWithStdin("sensor-dtls-key", MASTER, "set-psk", "tag", "secret-child-tag"))
                .isEqualTo(2);
        assertThat(printed(err)).doesNotContain("sensor-dtls-key");
    }

    @Test
    void oneDeviceIsAddedWithoutACsvAndItsSecretComesFromStdinNeverFromTheCommandLine() throws Exception {
        assertThat(runWithStdin(
                        "added-secret\n",
                        Map.of(),
                        "add",
                        "sensor",
                        "ichiba",
                        "--municipality",
                        "282103",
                        "--kind",
                        "INUNDATION",
                        "--name",
                        "市場 アンダーパス",
                        "--lat",
                        "34.77",
                        "--lon",
                        "134.85",
                        "--experimental",
                        "--secret-stdin"))
                .isZero();
        assertThat(run("add", "tag", "another-child-tag", "--municipality", "282162"))
                .isZero();
        assertThat(run("add", "gateway", "cam-1", "--municipality", "282103", "--kind", "FIXED", "--secret", "x"))
                .isEqualTo(2);
        assertThat(run("add", "gateway", "cam-1", "--municipality", "282103", "--kind", "FIXED"))
                .isEqualTo(1);

        assertThat(printed(err))
                .contains("a secret is never taken from the command line")
                .contains("a fixed gateway needs a registered position");
        try (Database db = database()) {
            PostgresSensorRegistry sensors = new PostgresSensorRegistry(db.dataSource());
            assertThat(sensors.findSensor(DeviceId.of("ichiba")).orElseThrow().experimental())
                    .isTrue();
            assertThat(sensors.verify(DeviceId.of("ichiba"), "added-secret".toCharArray()))
                    .isTrue();
            assertThat(new TagRegistry(db.dataSource()).municipalityOf(new TagId("another-child-tag")))
                    .map(m -> m.value())
                    .contains("282162");
            assertThat(new PostgresGatewayRegistry(db.dataSource()).findGateway(DeviceId.of("cam-1")))
                    .isEmpty();
        }
        assertThat(printed(out)).doesNotContain("added-secret", "another-child-tag");
    }

    private static final Map<String, String> MASTER = Map.of("KAWAMORI_PSK_MASTER_KEY", PskSealer.newMasterKey());

    private int run(String... args) {
        return runWithStdin("", MASTER, args);
    }

    private int runWithStdin(String stdin, Map<String, String> environment, String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("--db-url", postgres.jdbcUrl()));
        all.addAll(List.of(args));
        return new RegistryCommand(
                        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        environment)
                .run(all);
    }

    private String file(String content) throws Exception {
        Path file = directory.resolve("key-" + content.length());
        Files.writeString(file, content + "\n", StandardCharsets.UTF_8);
        return file.toString();
    }

    private String csv(String content) throws Exception {
        Path file = directory.resolve("registry.csv");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file.toString();
    }

    private Database database() {
        return new Database(DatabaseConfig.fromJdbcUrl(postgres.jdbcUrl()));
    }

    private static String printed(ByteArrayOutputStream stream) {
        return stream.toString(StandardCharsets.UTF_8);
    }
}
