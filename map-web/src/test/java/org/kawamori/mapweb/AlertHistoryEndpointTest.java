package org.kawamori.mapweb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kawamori.mapweb.AlertFixtures.T;
import static org.kawamori.mapweb.AlertFixtures.TAKASAGO;
import static org.kawamori.mapweb.AlertFixtures.givenAlert;
import static org.kawamori.mapweb.TestAuth.TOKEN;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kawamori.core.Alert;
import org.kawamori.core.alert.AlertRecord;
import org.kawamori.core.fixtures.InMemorySensorRegistry;

class AlertHistoryEndpointTest {

    static final String RULES_CYCLE = "river-stage,gate-pass,rate-of-rise,inundation,not-seen,offline,battery-low";
    static final Instant FROM = T;
    static final Instant TO = T.plus(Duration.ofDays(1));
    static final String WINDOW = "from=" + FROM + "&to=" + TO;

    static final List<AlertRecord> ALL = new ArrayList<>();
    static InMemoryAlerts alerts;
    static TestServer web;

    @BeforeAll
    static void start() {
        alerts = new InMemoryAlerts();
        String[] rules = RULES_CYCLE.split(",");
        long id = 1;
        // 200 alerts over the day, three at a time sharing a changed-at (ties are ordered by id)
        for (int i = 0; i < 200; i++) {
            String rule = rules[i % rules.length];
            AlertFixtures.Builder b = givenAlert(id++, rule)
                    .changedAt(T.plusSeconds(60L * (i / 3)))
                    .state(i % 5 == 0 ? Alert.State.CLEARED : Alert.State.OPEN);
            if (rule.equals("gate-pass") || rule.equals("not-seen")) {
                b.onTag("tag-secret-" + i, "family-" + i);
            }
            if (i % 4 == 0) {
                b.in(TAKASAGO);
            }
            ALL.add(b.build());
        }
        // a long run of family alerts, which neither the public nor officers may see
        for (int i = 0; i < 60; i++) {
            ALL.add(givenAlert(id++, "gate-pass")
                    .onTag("tag-run-" + i, "family-run")
                    .changedAt(T.plus(Duration.ofHours(20)).plusSeconds(i))
                    .build());
        }
        // outside the window
        ALL.add(givenAlert(id++, "river-stage").changedAt(TO).build());
        ALL.add(givenAlert(id, "river-stage").changedAt(FROM.minusSeconds(1)).build());
        ALL.forEach(alerts::with);
        InMemorySensorRegistry registry = new InMemorySensorRegistry();
        web = TestServer.withAlerts(registry, alerts);
    }

    @AfterAll
    static void stop() {
        web.close();
    }

    /** What a walk must give: the alerts of the window the view shows, the most recently changed first. */
    static List<Long> expected(Set<String> rules, String municipality) {
        return alerts.idsNewestFirst(ALL.stream()
                .filter(a -> rules.contains(a.alert().rule()))
                .filter(a ->
                        municipality == null || a.alert().municipality().value().equals(municipality))
                .filter(a -> !a.alert().changedAt().isBefore(FROM)
                        && a.alert().changedAt().isBefore(TO))
                .toList());
    }

    static final Set<String> PUBLIC = Set.of("river-stage", "inundation", "offline");
    static final Set<String> OFFICERS = Set.of("river-stage", "inundation", "offline", "rate-of-rise", "battery-low");

    /** Follows the next links from the first page; returns every id in order, and counts the pages. */
    static List<Long> walk(String firstPage, String token, List<JsonNode> pages) {
        List<Long> ids = new ArrayList<>();
        String next = firstPage;
        while (next != null) {
            HttpResponse<String> response = token == null ? web.get(next) : web.get(next, token);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode page = TestServer.json(response);
            pages.add(page);
            page.path("alerts").forEach(a -> ids.add(a.path("id").asLong()));
            next = page.path("next").isNull() ? null : page.path("next").asText();
            assertThat(pages).as("pages").hasSizeLessThan(200);
        }
        return ids;
    }

    @ParameterizedTest(name = "limit {0}")
    @ValueSource(ints = {1, 7, 50, 1000})
    void the_public_walks_every_page_of_the_history_without_a_gap_or_a_repeat(int limit) {
        List<JsonNode> pages = new ArrayList<>();
        List<Long> ids = walk("/api/v1/alerts/history?" + WINDOW + "&limit=" + limit, null, pages);

        List<Long> expected = expected(PUBLIC, null);
        assertThat(expected).hasSizeGreaterThan(60);
        assertThat(ids).containsExactlyElementsOf(expected);
        assertThat(new HashSet<>(ids)).hasSameSizeAs(ids);
        pages.forEach(p -> assertThat(p.path("alerts").size()).isLessThanOrEqualTo(limit));
        // every page but the last is full: hidden alerts do not make pages short
        pages.subList(0, pages.size() - 1)
                .forEach(p -> assertThat(p.path("alerts").size()).isEqualTo(limit));
        pages.forEach(p -> assertThat(p.toString()).doesNotContain("tag-", "family-", "_owner"));
    }

    @Test
    void an_officer_walks_the_officers_alerts_of_one_municipality_without_a_tag_rule() {
        List<JsonNode> pages = new ArrayList<>();
        List<Long> ids = walk("/api/v1/alerts/history?" + WINDOW + "&limit=9&municipality=282103", TOKEN, pages);

        assertThat(ids).containsExactlyElementsOf(expected(OFFICERS, "282103"));
        assertThat(pages.get(0).path("view").asText()).isEqualTo("officers");
        assertThat(pages.get(0).path("next").asText()).contains("municipality=282103");
    }

    @Test
    void a_page_names_its_window_and_links_the_next_with_the_same_window_and_limit() {
        JsonNode page = TestServer.json(web.get("/api/v1/alerts/history?" + WINDOW + "&limit=5"));

        assertThat(page.path("from").asText()).isEqualTo("2026-07-01T03:00:00Z");
        assertThat(page.path("to").asText()).isEqualTo("2026-07-02T03:00:00Z");
        assertThat(page.path("municipality").isNull()).isTrue();
        long last = page.path("alerts").get(4).path("id").asLong();
        assertThat(page.path("next").asText())
                .startsWith("/api/v1/alerts/history?")
                .contains("from=2026-07-01T03%3A00%3A00Z", "to=2026-07-02T03%3A00%3A00Z", "limit=5")
                .endsWith("&before=" + last);
    }

    @Test
    void without_a_window_it_reads_the_last_seven_days() {
        JsonNode page = TestServer.json(web.get("/api/v1/alerts/history"));

        Instant to = Instant.parse(page.path("to").asText());
        Instant from = Instant.parse(page.path("from").asText());
        assertThat(Duration.between(from, to)).isEqualTo(Duration.ofDays(7));
        assertThat(Duration.between(to, Instant.now()).abs()).isLessThan(Duration.ofMinutes(1));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "from=yesterday",
                "to=2026-13-01T00:00:00Z",
                "from=2026-07-02T00:00:00Z&to=2026-07-01T00:00:00Z",
                "from=2026-07-01T00:00:00Z&to=2026-07-01T00:00:00Z",
                "limit=0",
                "limit=1001",
                "limit=ten",
                "before=abc",
                "before=-5",
                "before=0",
                "municipality=28210",
            })
    void a_bad_parameter_answers_400_problem_json(String query) {
        HttpResponse<String> response = web.get("/api/v1/alerts/history?" + query);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(TestServer.contentType(response)).startsWith("application/problem+json");
        JsonNode problem = TestServer.json(response);
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("detail").asText()).isNotBlank();
        assertThat(problem.path("instance").asText()).isEqualTo("/api/v1/alerts/history");
    }

    @Test
    void a_cursor_naming_an_alert_the_caller_may_not_see_is_refused_like_an_unknown_one() {
        long tagAlert = ALL.stream()
                .filter(a -> a.alert().rule().equals("gate-pass"))
                .findFirst()
                .orElseThrow()
                .id();

        HttpResponse<String> hidden = web.get("/api/v1/alerts/history?" + WINDOW + "&before=" + tagAlert);
        HttpResponse<String> unknown = web.get("/api/v1/alerts/history?" + WINDOW + "&before=999999");

        assertThat(hidden.statusCode()).isEqualTo(400);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(hidden).path("detail"))
                .isEqualTo(TestServer.json(unknown).path("detail"));
    }
}
