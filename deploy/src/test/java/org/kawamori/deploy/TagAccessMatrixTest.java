package org.kawamori.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.kawamori.deploy.RunningKawamori.givenKawamori;
import static org.kawamori.deploy.TagAccessMatrixTest.Caller.ADMIN;
import static org.kawamori.deploy.TagAccessMatrixTest.Caller.ADMIN_TOKEN;
import static org.kawamori.deploy.TagAccessMatrixTest.Caller.GUARDIAN;
import static org.kawamori.deploy.TagAccessMatrixTest.Caller.LINK;
import static org.kawamori.deploy.TagAccessMatrixTest.Caller.NEIGHBOUR_FAMILY;
import static org.kawamori.deploy.TagAccessMatrixTest.Caller.NEIGHBOUR_OFFICER;
import static org.kawamori.deploy.TagAccessMatrixTest.Caller.OFFICER;
import static org.kawamori.deploy.TagAccessMatrixTest.Caller.OTHER_FAMILY;
import static org.kawamori.deploy.TagAccessMatrixTest.Caller.PUBLIC;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.TagId;
import org.kawamori.core.access.Account;
import org.kawamori.core.alert.Audience.FamilyId;
import org.kawamori.deploy.fixtures.Devices;
import org.kawamori.deploy.fixtures.LogCapture;
import org.kawamori.deploy.fixtures.Session;
import org.kawamori.timeseries.FamilyRegistry;
import org.kawamori.timeseries.PostgresAccounts;
import org.kawamori.timeseries.PostgresFamilyLinks;
import org.kawamori.timeseries.TagRegistry;

/**
 * Who may read and change a tag's data, asked of a whole Kawamori on PostgreSQL: every caller against
 * every endpoint that touches tags, each cell with its expected status (and, where it answers, what it
 * must not show). The tag {@code tag-a} belongs to the Sato family of Kakogawa, which has declared it
 * missing; {@code tag-c} to the Suzuki family of Takasago, heard by a Kakogawa camera.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TagAccessMatrixTest {

    static final MunicipalityCode KAKOGAWA = MunicipalityCode.of("282103");
    static final MunicipalityCode TAKASAGO = MunicipalityCode.of("282162");
    static final String PASSWORD = "a long enough password";
    static final String TOKEN = "matrix-admin-token-0123456789";

    /** The callers of the matrix. */
    enum Caller {
        PUBLIC,
        /** sato, guardian of tag-a's family (Kakogawa) */
        GUARDIAN,
        /** the Sato family's link */
        LINK,
        /** ito, guardian of another Kakogawa family */
        OTHER_FAMILY,
        /** suzuki, guardian of a Takasago family (owner of tag-c) */
        NEIGHBOUR_FAMILY,
        /** tanaka, officer of Kakogawa */
        OFFICER,
        /** yamada, officer of Takasago */
        NEIGHBOUR_OFFICER,
        /** an administrator's login */
        ADMIN,
        /** the admin bearer token */
        ADMIN_TOKEN
    }

    RunningKawamori kawamori;
    final LogCapture log = new LogCapture("org.kawamori");
    final Map<Caller, Session> sessions = new EnumMap<>(Caller.class);
    long searchId;

    @BeforeAll
    void start() throws Exception {
        kawamori = givenKawamori()
                .withEmbeddedBroker()
                .withLocalPostgres()
                .withSetting("KAWAMORI_ADMIN_TOKEN", TOKEN)
                .start();
        var ds = kawamori.app().dataSource();
        FamilyRegistry families = new FamilyRegistry(ds);
        TagRegistry tags = new TagRegistry(ds);
        PostgresAccounts accounts = new PostgresAccounts(ds);
        register(families, tags, accounts, "family-sato", KAKOGAWA, "tag-a", "sato");
        register(families, tags, accounts, "family-ito", KAKOGAWA, "tag-b", "ito");
        register(families, tags, accounts, "family-suzuki", TAKASAGO, "tag-c", "suzuki");
        accounts.create(Account.officer("tanaka", KAKOGAWA), PASSWORD.toCharArray(), "test");
        accounts.create(Account.officer("yamada", TAKASAGO), PASSWORD.toCharArray(), "test");
        accounts.create(Account.administrator("it-admin"), PASSWORD.toCharArray(), "test");
        String link = new PostgresFamilyLinks(ds)
                .issue(new FamilyId("family-sato"), Instant.now().plus(Duration.ofDays(1)), "test", Instant.now())
                .token();

        String map = kawamori.endpoints().mapUrl();
        sessions.put(PUBLIC, Session.at(map));
        sessions.put(GUARDIAN, Session.at(map).loggedInAs("sato", PASSWORD));
        sessions.put(LINK, Session.at(map).throughLink(link));
        sessions.put(OTHER_FAMILY, Session.at(map).loggedInAs("ito", PASSWORD));
        sessions.put(NEIGHBOUR_FAMILY, Session.at(map).loggedInAs("suzuki", PASSWORD));
        sessions.put(OFFICER, Session.at(map).loggedInAs("tanaka", PASSWORD));
        sessions.put(NEIGHBOUR_OFFICER, Session.at(map).loggedInAs("yamada", PASSWORD));
        sessions.put(ADMIN, Session.at(map).loggedInAs("it-admin", PASSWORD));
        sessions.put(ADMIN_TOKEN, Session.at(map).withBearer(TOKEN));

        // the Sato family declares tag-a missing, then a Kakogawa camera hears all three tags
        HttpResponse<String> lost = sessions.get(GUARDIAN).send("PUT", "/api/v1/family/tags/tag-a/lost", null);
        assertThat(lost.statusCode()).as(lost.body()).isEqualTo(200);
        heard("tag-a", "tag-b", "tag-c");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Session.json(sessions.get(GUARDIAN).get("/api/v1/family/tags/tag-a/trail"))
                                .path("features")
                                .size()
                        > 0);
        searchId = Session.json(sessions.get(OFFICER).get("/api/v1/officer/searches"))
                .path("searches")
                .get(0)
                .path("id")
                .asLong();
        // sightings are folded for 10 s before they reach the search
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Session.json(sessions.get(OFFICER).get("/api/v1/officer/searches/" + searchId + "/trail"))
                                .path("features")
                                .size()
                        > 0);
    }

    @AfterAll
    void stop() throws Exception {
        if (kawamori != null) {
            kawamori.close();
        }
        log.close();
    }

    /** One cell: the caller, the request, the expected status. */
    record Cell(Caller caller, String method, String path, String body, int status) {
        @Override
        public String toString() {
            return caller + " " + method + " " + path + " -> " + status;
        }
    }

    Stream<Cell> cells() {
        List<Cell> cells = new ArrayList<>();
        // the family's own endpoints: their family only, 404 for a tag of another family
        row(cells, "GET", "/api/v1/family/tags", null, ownFamiliesOnly(200, 200));
        for (String path : List.of("/api/v1/family/tags/tag-a/trail", "/api/v1/family/tags/tag-a/rules")) {
            row(cells, "GET", path, null, ownFamiliesOnly(200, 404));
        }
        row(cells, "PUT", "/api/v1/family/tags/tag-a/rules", "{\"rules\":[]}", ownFamiliesOnly(200, 404));
        row(cells, "PUT", "/api/v1/family/tags/tag-a/lost", null, ownFamiliesOnly(200, 404));
        Map<Caller, Integer> endLost = ownFamiliesOnly(0, 404);
        endLost.remove(GUARDIAN); // the owner ends the search in its own test, after the matrix
        endLost.remove(LINK);
        row(cells, "DELETE", "/api/v1/family/tags/tag-a/lost", null, endLost);
        Map<Caller, Integer> neighbourTag = ownFamiliesOnly(404, 404);
        neighbourTag.put(NEIGHBOUR_FAMILY, 200);
        row(cells, "GET", "/api/v1/family/tags/tag-c/trail", null, neighbourTag);
        row(cells, "GET", "/api/v1/family/links", null, ownFamiliesOnly(200, 200));
        Map<Caller, Integer> issue = ownFamiliesOnly(201, 201);
        issue.put(LINK, 403); // a link's session may not make more links
        row(cells, "POST", "/api/v1/family/links", "{\"days\":7}", issue);
        // the officers' endpoints: the trail only for the tag's municipality, during the search
        row(cells, "GET", "/api/v1/officer/searches", null, officersOnly(200, 200));
        row(cells, "GET", "/api/v1/officer/searches/{search}/trail", null, officersOnly(200, 404));
        row(cells, "GET", "/api/v1/officer/devices", null, officersOnly(200, 200));
        // the registry's tag listings: administrators only (the listing of ids is audited)
        row(cells, "GET", "/api/v1/admin/tags", null, adminsOnly());
        row(cells, "GET", "/api/v1/admin/tags?municipality=282103&purpose=matrix", null, adminsOnly());
        // alerts are for everyone, and never show a tag rule
        Map<Caller, Integer> everyone = new EnumMap<>(Caller.class);
        for (Caller c : Caller.values()) {
            everyone.put(c, 200);
        }
        row(cells, "GET", "/api/v1/alerts", null, everyone);
        row(cells, "GET", "/api/v1/alerts/history", null, everyone);
        return cells.stream();
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void eachCallerGetsExactlyWhatItMaySee(Cell cell) {
        String path = cell.path().replace("{search}", Long.toString(searchId));

        HttpResponse<String> answer = sessions.get(cell.caller()).send(cell.method(), path, cell.body());

        assertThat(answer.statusCode()).as(cell + ": " + answer.body()).isEqualTo(cell.status());
        if (answer.statusCode() >= 400) {
            assertThat(answer.headers().firstValue("content-type")).hasValue("application/problem+json");
            // a refusal tells nothing about the tag: only the request's own path comes back (instance)
            var problem = (com.fasterxml.jackson.databind.node.ObjectNode) Session.json(answer);
            assertThat(problem.remove("instance").asText()).isEqualTo(path.replaceAll("\\?.*", ""));
            assertThat(problem.toString()).doesNotContain("tag-a", "tag-b", "tag-c");
            return;
        }
        String body = answer.body();
        // nobody ever sees a tag of another family, nor positions of a tag outside their own family or search
        switch (cell.caller()) {
            case GUARDIAN, LINK -> assertThat(body).doesNotContain("tag-b", "tag-c");
            case OTHER_FAMILY -> assertThat(body).doesNotContain("tag-a", "tag-c");
            case NEIGHBOUR_FAMILY -> assertThat(body).doesNotContain("tag-a", "tag-b");
            default -> {
                if (!path.startsWith("/api/v1/admin/tags?")) {
                    assertThat(body).doesNotContain("tag-a", "tag-b", "tag-c");
                }
            }
        }
        if (path.startsWith("/api/v1/alerts")) {
            assertThat(body).doesNotContain("lost-mode", "gate-pass");
        }
        if (path.equals("/api/v1/officer/searches")) {
            assertThat(body.contains("\"id\":" + searchId)).isEqualTo(cell.caller() == OFFICER);
        }
        if (!path.startsWith("/api/v1/alerts")) {
            assertThat(answer.headers().firstValue("cache-control")).hasValue("no-store");
        }
    }

    @Order(2)
    @Test
    void everyTrailAnOfficerSawIsInTheAuditLogAndNoRefusedOne() throws Exception {
        // the one successful officer's read of the matrix, plus the reads while waiting for the trail
        try (Connection c = kawamori.app().dataSource().getConnection();
                PreparedStatement q =
                        c.prepareStatement("select actor, municipality from audit_log where action = 'search-read'");
                ResultSet rows = q.executeQuery()) {
            int reads = 0;
            while (rows.next()) {
                reads++;
                assertThat(rows.getString("actor")).isEqualTo("tanaka");
                assertThat(rows.getString("municipality")).isEqualTo(KAKOGAWA.value());
            }
            assertThat(reads).isPositive();
        }
    }

    @Order(3)
    @Test
    void whenTheFamilyEndsTheSearchItsOfficersNoLongerSeeTheTrail() {
        HttpResponse<String> found = sessions.get(GUARDIAN).send("DELETE", "/api/v1/family/tags/tag-a/lost", null);
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);

        assertThat(sessions.get(OFFICER)
                        .get("/api/v1/officer/searches/" + searchId + "/trail")
                        .statusCode())
                .isEqualTo(404);
        assertThat(Session.json(sessions.get(OFFICER).get("/api/v1/officer/searches"))
                        .path("searches")
                        .size())
                .isZero();
    }

    @Order(4)
    @Test
    void theLogNamesNoTagNoFamilyAndNoGuardian() {
        assertThat(log.lines()).isNotEmpty();
        assertThat(log.lines())
                .noneMatch(line -> line.contains("tag-a")
                        || line.contains("tag-b")
                        || line.contains("tag-c")
                        || line.contains("family-")
                        || line.contains("sato")
                        || line.contains("suzuki"));
    }

    // --- the expected statuses of a row ---------------------------------------------------------

    /** Families: {@code own} for the owner (and its link), {@code others} for other families; 403 staff, 401 public. */
    static Map<Caller, Integer> ownFamiliesOnly(int own, int others) {
        Map<Caller, Integer> row = new EnumMap<>(Caller.class);
        row.put(PUBLIC, 401);
        row.put(GUARDIAN, own);
        row.put(LINK, own);
        row.put(OTHER_FAMILY, others);
        row.put(NEIGHBOUR_FAMILY, others);
        row.put(OFFICER, 403);
        row.put(NEIGHBOUR_OFFICER, 403);
        row.put(ADMIN, 403);
        row.put(ADMIN_TOKEN, 403);
        return row;
    }

    static Map<Caller, Integer> officersOnly(int own, int neighbour) {
        Map<Caller, Integer> row = new EnumMap<>(Caller.class);
        for (Caller c : Caller.values()) {
            row.put(c, 403);
        }
        row.put(PUBLIC, 401);
        row.put(OFFICER, own);
        row.put(NEIGHBOUR_OFFICER, neighbour);
        return row;
    }

    static Map<Caller, Integer> adminsOnly() {
        Map<Caller, Integer> row = new EnumMap<>(Caller.class);
        for (Caller c : Caller.values()) {
            row.put(c, 403);
        }
        row.put(PUBLIC, 401);
        row.put(ADMIN, 200);
        row.put(ADMIN_TOKEN, 200);
        return row;
    }

    static void row(List<Cell> cells, String method, String path, String body, Map<Caller, Integer> statuses) {
        statuses.forEach((caller, status) -> cells.add(new Cell(caller, method, path, body, status)));
    }

    // --- set-up ---------------------------------------------------------------------------------

    static void register(
            FamilyRegistry families,
            TagRegistry tags,
            PostgresAccounts accounts,
            String family,
            MunicipalityCode municipality,
            String tag,
            String guardian) {
        FamilyId id = new FamilyId(family);
        families.register(id, municipality, null);
        tags.register(new TagId(tag), municipality, null, true);
        families.assign(new TagId(tag), Optional.of(id));
        accounts.create(Account.guardian(guardian, id, municipality), PASSWORD.toCharArray(), "test");
    }

    void heard(String... tags) throws Exception {
        StringBuilder batch = new StringBuilder("{\"v\":1,\"detections\":[");
        long now = Instant.now().minusSeconds(1).getEpochSecond();
        for (int i = 0; i < tags.length; i++) {
            batch.append(i == 0 ? "" : ",")
                    .append("{\"tag\":\"")
                    .append(tags[i])
                    .append("\",\"time\":")
                    .append(now)
                    .append(",\"rssi\":-66}");
        }
        Devices.publish(
                kawamori.endpoints().mqttUrl(),
                Optional.of(new String[] {"demo-camera-1", "demo-secret"}),
                "kawamori/282103/gateways/demo-camera-1/detections",
                batch.append("]}").toString());
    }
}
