package org.kawamori.mapweb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kawamori.mapweb.FamilyFixtures.KEN;
import static org.kawamori.mapweb.FamilyFixtures.NEVER_SEEN;
import static org.kawamori.mapweb.FamilyFixtures.YUTA;
import static org.kawamori.mapweb.FamilyFixtures.givenTheSatosAndTheSuzukis;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code /api/v1/family}: each endpoint for the caller's own family, over real HTTP with real sessions
 * (in-memory ports). Another family's tag answers exactly like an unknown one; the public gets 401,
 * officers and administrators 403; unsafe requests need the session's CSRF token.
 */
class FamilyApiTest {

    static final String GATE = "{\"rules\":[{\"kind\":\"gate-pass\",\"params\":{\"place\":\"school\","
            + "\"name\":\"加古川小学校 正門\",\"lat\":34.7633,\"lon\":134.844,\"radius-m\":\"50\"}}]}";

    final Instant now = Instant.now();
    final FamilyFixtures families = givenTheSatosAndTheSuzukis(now);
    TestServer web;
    Browser sato;

    @BeforeEach
    void start() {
        web = families.serve();
        sato = Browser.of(web).loggedInAs("sato");
    }

    @AfterEach
    void stop() {
        web.close();
    }

    @Test
    void aGuardianSeesHerFamilysTagsAtTheirLastPlaceAndNothingOfAnotherFamily() {
        HttpResponse<String> r = sato.get("/api/v1/family/tags");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(TestServer.contentType(r)).startsWith("application/geo+json");
        assertThat(r.headers().firstValue("cache-control")).hasValue("no-store");
        JsonNode features = TestServer.json(r).get("features");
        assertThat(features).extracting(f -> f.get("id").asText()).containsExactly(NEVER_SEEN, YUTA);
        JsonNode yuta = features.get(1);
        assertThat(yuta.at("/geometry/type").asText()).isEqualTo("Point");
        assertThat(yuta.at("/geometry/coordinates/0").asDouble()).isEqualTo(134.8440);
        assertThat(yuta.at("/geometry/coordinates/1").asDouble()).isEqualTo(34.7633);
        assertThat(yuta.at("/properties/nickname").asText()).isEqualTo("ゆうた");
        assertThat(yuta.at("/properties/accuracyMetres").asDouble()).isEqualTo(20);
        assertThat(Instant.parse(yuta.at("/properties/lastSeen").asText())).isEqualTo(now.minusSeconds(300));
        assertThat(yuta.at("/properties/lost").asBoolean()).isFalse();
        JsonNode spare = features.get(0);
        assertThat(spare.get("geometry").isNull()).isTrue();
        assertThat(spare.at("/properties/lastSeen").isNull()).isTrue();
        assertThat(r.body()).doesNotContain(KEN).doesNotContain("ケン");
    }

    @Test
    void theTrailCoversTheLastSixHoursByDefaultAsALineAndTimedPoints() {
        HttpResponse<String> r = sato.get("/api/v1/family/tags/" + YUTA + "/trail");

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode doc = TestServer.json(r);
        assertThat(doc.get("count").asInt()).isEqualTo(3);
        JsonNode features = doc.get("features");
        assertThat(features.get(0).at("/geometry/type").asText()).isEqualTo("LineString");
        assertThat(features.get(0).at("/geometry/coordinates")).hasSize(3);
        // the line runs oldest to newest, the points newest first
        assertThat(features.get(0).at("/geometry/coordinates/0/1").asDouble()).isEqualTo(34.7610);
        assertThat(features.get(0).at("/geometry/coordinates/2/1").asDouble()).isEqualTo(34.7633);
        assertThat(Instant.parse(features.get(1).at("/properties/time").asText()))
                .isEqualTo(now.minusSeconds(300));
        assertThat(features.get(3).at("/properties/accuracyMetres").asDouble()).isEqualTo(30);
    }

    @Test
    void aTrailWindowAndLimitAreHonouredAndAWindowOverFortyEightHoursIsRefused() {
        String from = now.minusSeconds(3 * 86_400).toString();
        JsonNode limited = TestServer.json(
                sato.get("/api/v1/family/tags/" + YUTA + "/trail?from=" + now.minusSeconds(47 * 3600) + "&limit=2"));
        HttpResponse<String> tooLong = sato.get("/api/v1/family/tags/" + YUTA + "/trail?from=" + from);

        assertThat(limited.get("count").asInt()).isEqualTo(2);
        assertThat(limited.get("truncated").asBoolean()).isTrue();
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(TestServer.contentType(tooLong)).isEqualTo(Problem.CONTENT_TYPE);
        assertThat(TestServer.json(tooLong).get("detail").asText()).contains("48 hours");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/trail", "/rules"})
    void anotherFamilysTagAnswersExactlyLikeAnUnknownOne(String what) {
        HttpResponse<String> theirs = sato.get("/api/v1/family/tags/" + KEN + what);
        HttpResponse<String> unknown = sato.get("/api/v1/family/tags/tag-nobody" + what);

        assertThat(theirs.statusCode()).isEqualTo(404);
        assertThat(TestServer.contentType(theirs)).isEqualTo(Problem.CONTENT_TYPE);
        assertThat(TestServer.json(theirs).get("detail"))
                .isEqualTo(TestServer.json(unknown).get("detail"));
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    @Test
    void anotherFamilysTagCannotBeDeclaredLostNorGivenRules() {
        HttpResponse<String> lost = sato.put("/api/v1/family/tags/" + KEN + "/lost", null);
        HttpResponse<String> rules = sato.put("/api/v1/family/tags/" + KEN + "/rules", GATE);

        assertThat(lost.statusCode()).isEqualTo(404);
        assertThat(rules.statusCode()).isEqualTo(404);
        assertThat(families.watch.searchOf(KEN)).isEmpty();
        Browser suzuki = Browser.of(web).loggedInAs("suzuki");
        assertThat(TestServer.json(suzuki.get("/api/v1/family/tags/" + KEN + "/rules"))
                        .get("rules"))
                .isEmpty();
    }

    @Test
    void watchRulesAreReplacedAndReadBack() {
        HttpResponse<String> put = sato.put("/api/v1/family/tags/" + YUTA + "/rules", GATE);
        JsonNode read = TestServer.json(sato.get("/api/v1/family/tags/" + YUTA + "/rules"));

        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(read.get("rules")).hasSize(1);
        assertThat(read.at("/rules/0/kind").asText()).isEqualTo("gate-pass");
        assertThat(read.at("/rules/0/params/name").asText()).isEqualTo("加古川小学校 正門");
        assertThat(read.at("/rules/0/params/lat").asText()).isEqualTo("34.7633");
    }

    @Test
    void badRulesAreRefusedWith422NamingEachBadRuleByItsIndex() {
        String body = "{\"rules\":[{\"kind\":\"near-flood\"},{\"kind\":\"teleport\"},"
                + "{\"kind\":\"gate-pass\",\"params\":{\"name\":\"門\"}},{\"kind\":\"not-seen\",\"params\":[1]}]}";

        HttpResponse<String> engine = sato.put(
                "/api/v1/family/tags/" + YUTA + "/rules",
                "{\"rules\":[{\"kind\":\"near-flood\"},{\"kind\":\"teleport\"},"
                        + "{\"kind\":\"gate-pass\",\"params\":{\"name\":\"門\"}}]}");
        HttpResponse<String> shape = sato.put("/api/v1/family/tags/" + YUTA + "/rules", body);

        assertThat(engine.statusCode()).isEqualTo(422);
        assertThat(TestServer.contentType(engine)).isEqualTo(Problem.CONTENT_TYPE);
        assertThat(TestServer.json(engine).get("problems"))
                .extracting(p -> p.get("rule").asInt() + ": " + p.get("problem").asText())
                .containsExactly(
                        "1: unknown kind (gate-pass, not-seen, near-flood)", "2: parameter 'place' is required");
        assertThat(shape.statusCode()).isEqualTo(422);
        assertThat(TestServer.json(shape).get("problems"))
                .extracting(p -> p.get("rule").asInt())
                .containsExactly(3);
        assertThat(TestServer.json(sato.get("/api/v1/family/tags/" + YUTA + "/rules"))
                        .get("rules"))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "[]", "{\"rules\":{}}", "{\"rules\":[],\"family\":\"family-suzuki\"}"})
    void aBodyThatIsNotAListOfRulesIsRefusedAsProblemJson(String body) {
        HttpResponse<String> r = sato.put("/api/v1/family/tags/" + YUTA + "/rules", body);

        assertThat(r.statusCode()).isIn(400, 422);
        assertThat(TestServer.contentType(r)).isEqualTo(Problem.CONTENT_TYPE);
        assertThat(TestServer.json(r).get("detail").asText()).isNotBlank();
    }

    @Test
    void lostModeIsDeclaredOnceShownOnTheTagAndEnded() {
        HttpResponse<String> declared = sato.put("/api/v1/family/tags/" + YUTA + "/lost", null);
        HttpResponse<String> again = sato.put("/api/v1/family/tags/" + YUTA + "/lost", null);
        JsonNode shown = TestServer.json(sato.get("/api/v1/family/tags")).at("/features/1/properties");
        HttpResponse<String> found = sato.delete("/api/v1/family/tags/" + YUTA + "/lost");
        HttpResponse<String> foundAgain = sato.delete("/api/v1/family/tags/" + YUTA + "/lost");

        assertThat(declared.statusCode()).isEqualTo(200);
        long search = TestServer.json(declared).get("search").asLong();
        assertThat(TestServer.json(again).get("search").asLong()).isEqualTo(search);
        assertThat(shown.get("lost").asBoolean()).isTrue();
        assertThat(shown.get("search").asLong()).isEqualTo(search);
        assertThat(TestServer.json(found).get("ended").asBoolean()).isTrue();
        assertThat(TestServer.json(found).get("lost").asBoolean()).isFalse();
        assertThat(TestServer.json(foundAgain).get("ended").asBoolean()).isFalse();
        assertThat(families.watch.searchOf(YUTA)).isEmpty();
    }

    @Test
    void theEndpointsAnswer401ToThePublicAnd403ToOfficersAndAdministrators() {
        Browser officer = Browser.of(web).loggedInAs("tanaka");
        Browser admin = Browser.of(web).loggedInAs("ito");
        List<String> cells = new ArrayList<>();
        for (String[] route : routes()) {
            cells.add(route[0] + " " + route[1] + " public "
                    + Browser.of(web).send(route[0], route[1], route[2]).statusCode());
            cells.add(route[0] + " " + route[1] + " officer "
                    + officer.send(route[0], route[1], route[2]).statusCode());
            cells.add(route[0] + " " + route[1] + " admin "
                    + admin.send(route[0], route[1], route[2]).statusCode());
        }

        assertThat(cells).allSatisfy(cell -> assertThat(cell).matches(".* (public 401|officer 403|admin 403)"));
        assertThat(families.watch.searchOf(YUTA)).isEmpty();
    }

    @Test
    void unsafeRequestsWithoutTheCsrfTokenAreRefused() {
        Browser forged = Browser.of(web).loggedInAs("sato").withoutCsrf();

        assertThat(forged.put("/api/v1/family/tags/" + YUTA + "/lost", null).statusCode())
                .isEqualTo(403);
        assertThat(forged.put("/api/v1/family/tags/" + YUTA + "/rules", GATE).statusCode())
                .isEqualTo(403);
        assertThat(forged.post("/api/v1/family/links", "{}").statusCode()).isEqualTo(403);
        assertThat(families.watch.searchOf(YUTA)).isEmpty();
    }

    @Test
    void aGuardianIssuesALinkThatOpensAFamilySessionAndRevokesIt() {
        HttpResponse<String> issued = sato.post("/api/v1/family/links", "{\"days\":7}");
        JsonNode link = TestServer.json(issued);
        Browser grandma = Browser.of(web).throughLink(link.get("token").asText());
        JsonNode listed = TestServer.json(grandma.get("/api/v1/family/links"));
        HttpResponse<String> grandmaIssues = grandma.post("/api/v1/family/links", "{}");
        HttpResponse<String> grandmaRevokes = grandma.delete("/api/v1/family/links/" + link.get("id"));
        HttpResponse<String> tagsThroughLink = grandma.get("/api/v1/family/tags");
        HttpResponse<String> revoked = sato.delete("/api/v1/family/links/" + link.get("id"));

        assertThat(issued.statusCode()).isEqualTo(201);
        assertThat(link.get("path").asText())
                .isEqualTo("/family.html#link=" + link.get("token").asText());
        assertThat(listed.get("links")).hasSize(1);
        assertThat(listed.at("/links/0/active").asBoolean()).isTrue();
        assertThat(listed.toString()).doesNotContain(link.get("token").asText());
        assertThat(grandmaIssues.statusCode()).isEqualTo(403);
        assertThat(grandmaRevokes.statusCode()).isEqualTo(403);
        assertThat(tagsThroughLink.statusCode()).isEqualTo(200);
        assertThat(revoked.statusCode()).isEqualTo(204);
        assertThat(grandma.get("/api/v1/family/tags").statusCode()).isEqualTo(401);
        assertThat(TestServer.json(sato.get("/api/v1/family/links"))
                        .at("/links/0/active")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void anotherFamilysLinkCannotBeRevokedAndBadLinkRequestsAreRefused() {
        long theirs = TestServer.json(Browser.of(web).loggedInAs("suzuki").post("/api/v1/family/links", "{}"))
                .get("id")
                .asLong();

        assertThat(sato.delete("/api/v1/family/links/" + theirs).statusCode()).isEqualTo(404);
        assertThat(sato.delete("/api/v1/family/links/abc").statusCode()).isEqualTo(404);
        HttpResponse<String> tooLong = sato.post("/api/v1/family/links", "{\"days\":365}");
        assertThat(tooLong.statusCode()).isEqualTo(422);
        assertThat(TestServer.contentType(tooLong)).isEqualTo(Problem.CONTENT_TYPE);
        assertThat(sato.post("/api/v1/family/links", "{\"days\":\"7\"}").statusCode())
                .isEqualTo(422);
        assertThat(sato.post("/api/v1/family/links", "{").statusCode()).isEqualTo(400);
        assertThat(TestServer.json(sato.get("/api/v1/family/links")).get("links"))
                .isEmpty();
    }

    @Test
    void aMalformedTagIdAnswers404AndAWrongMethod405() {
        assertThat(sato.get("/api/v1/family/tags/%3Cscript%3E/trail").statusCode())
                .isEqualTo(404);
        HttpResponse<String> post = sato.post("/api/v1/family/tags/" + YUTA + "/trail", "{}");
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("allow")).hasValue("GET");
    }

    private static List<String[]> routes() {
        return List.of(
                new String[] {"GET", "/api/v1/family/tags", null},
                new String[] {"GET", "/api/v1/family/tags/" + YUTA + "/trail", null},
                new String[] {"GET", "/api/v1/family/tags/" + YUTA + "/rules", null},
                new String[] {"PUT", "/api/v1/family/tags/" + YUTA + "/rules", GATE},
                new String[] {"PUT", "/api/v1/family/tags/" + YUTA + "/lost", null},
                new String[] {"DELETE", "/api/v1/family/tags/" + YUTA + "/lost", null},
                new String[] {"GET", "/api/v1/family/links", null},
                new String[] {"POST", "/api/v1/family/links", "{}"},
                new String[] {"DELETE", "/api/v1/family/links/1", null});
    }
}
