package org.kawamori.mapweb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kawamori.mapweb.AlertFixtures.givenAlert;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kawamori.core.fixtures.InMemorySensorRegistry;

/**
 * Logging in and out through {@code /api/v1/session}, and what a session may then do: the cookie's
 * attributes, CSRF and Origin on unsafe requests, the throttle, disabled accounts and revoked links.
 */
class LoginSessionTest {

    static final String KAKOGAWA = "282103";
    static final String TAKASAGO = "282162";

    final InMemoryAccess access = new InMemoryAccess()
            .withOfficer("tanaka", KAKOGAWA)
            .withOfficer("suzuki", TAKASAGO)
            .withGuardian("sato", "family-sato", KAKOGAWA);
    final InMemoryAlerts alerts =
            new InMemoryAlerts().with(givenAlert(1, "rate-of-rise").in(KAKOGAWA).build());
    final InMemorySensorRegistry registry = new InMemorySensorRegistry();
    final TestServer web = TestServer.start(
            new MapWebServer(WebConfig.onPort(0), registry, new InMemoryReadingQueries(registry), List.of())
                    .withAlerts(alerts, alerts, TestAuth.AUTH)
                    .withLogins(
                            access,
                            access,
                            access,
                            new AccessConfig(
                                    Duration.ofHours(12),
                                    Duration.ofDays(30),
                                    Duration.ofHours(1),
                                    false,
                                    3,
                                    Duration.ofMinutes(15))));

    @AfterEach
    void stop() {
        web.close();
    }

    @Test
    void nobodyLoggedInIsThePublic() {
        JsonNode who = TestServer.json(Browser.of(web).get("/api/v1/session"));

        assertThat(who.path("role").asText()).isEqualTo("public");
        assertThat(who.has("csrf")).isFalse();
    }

    @Test
    void anOfficerLogsInWithAnHttpOnlyStrictCookieAndSeesWhoTheyAre() {
        Browser tab = Browser.of(web);
        HttpResponse<String> login = tab.login("tanaka", InMemoryAccess.PASSWORD);

        assertThat(login.statusCode()).isEqualTo(200);
        String cookie = login.headers().firstValue("set-cookie").orElseThrow();
        assertThat(cookie)
                .startsWith("kawamori_session=")
                .containsIgnoringCase("HttpOnly")
                .contains("SameSite=Strict")
                .contains("Path=/")
                .contains("Max-Age=43200");
        assertThat(login.headers().firstValue("cache-control")).hasValue("no-store");
        JsonNode who = TestServer.json(tab.get("/api/v1/session"));
        assertThat(who.path("role").asText()).isEqualTo("officer");
        assertThat(who.path("login").asText()).isEqualTo("tanaka");
        assertThat(who.path("municipality").asText()).isEqualTo(KAKOGAWA);
        assertThat(who.path("csrf").asText()).isNotBlank();
    }

    @Test
    void aWrongPasswordAndAnUnknownLoginGetTheSameAnswer() {
        HttpResponse<String> wrong = Browser.of(web).login("tanaka", "not the password");
        HttpResponse<String> unknown = Browser.of(web).login("nobody", "not the password");

        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(TestServer.json(wrong).path("detail").asText())
                .isEqualTo(TestServer.json(unknown).path("detail").asText());
        assertThat(wrong.headers().firstValue("set-cookie")).isEmpty();
    }

    @Test
    void afterThreeFailuresEvenTheRightPasswordWaitsWithRetryAfter() {
        for (int i = 0; i < 3; i++) {
            assertThat(Browser.of(web).login("tanaka", "guess " + i).statusCode())
                    .isEqualTo(401);
        }

        HttpResponse<String> blocked = Browser.of(web).login("tanaka", InMemoryAccess.PASSWORD);

        assertThat(blocked.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(blocked.headers().firstValue("retry-after").orElseThrow()))
                .isBetween(1L, 900L);
    }

    @Test
    void anOfficerAcknowledgesTheirMunicipalitysAlertWithTheCsrfToken() {
        Browser tanaka = Browser.of(web).loggedInAs("tanaka");

        HttpResponse<String> ack = tanaka.post("/api/v1/alerts/1/acknowledge", "{}");

        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(alerts.acknowledgedBy).containsExactly("tanaka");
    }

    @Test
    void withoutTheCsrfTokenTheSessionsUnsafeRequestIsRefused() {
        Browser forged = Browser.of(web).loggedInAs("tanaka").withoutCsrf();

        HttpResponse<String> ack = forged.post("/api/v1/alerts/1/acknowledge", "{}");

        assertThat(ack.statusCode()).isEqualTo(403);
        assertThat(TestServer.json(ack).path("detail").asText()).contains("X-CSRF-Token");
        assertThat(alerts.acknowledgedBy).isEmpty();
    }

    @Test
    void aRequestFromAnotherOriginIsRefusedEvenWithTheToken() {
        Browser tanaka = Browser.of(web).loggedInAs("tanaka");
        String csrf =
                TestServer.json(tanaka.get("/api/v1/session")).path("csrf").asText();
        HttpResponse<String> ack =
                tanaka.send("POST", "/api/v1/alerts/1/acknowledge", "{}", "https://evil.example", csrf);

        assertThat(ack.statusCode()).isEqualTo(403);
        assertThat(alerts.acknowledgedBy).isEmpty();
    }

    @Test
    void anOfficerOfAnotherMunicipalityMayNotAcknowledge() {
        HttpResponse<String> ack = Browser.of(web).loggedInAs("suzuki").post("/api/v1/alerts/1/acknowledge", "{}");

        assertThat(ack.statusCode()).isEqualTo(403);
        assertThat(alerts.acknowledgedBy).isEmpty();
    }

    @Test
    void aGuardianSeesThePublicAlertViewAndMayNotAcknowledge() {
        Browser sato = Browser.of(web).loggedInAs("sato");

        assertThat(TestServer.json(sato.get("/api/v1/alerts")).path("alerts").size())
                .isZero();
        assertThat(sato.post("/api/v1/alerts/1/acknowledge", "{}").statusCode()).isEqualTo(403);
        assertThat(TestServer.json(Browser.of(web).loggedInAs("tanaka").get("/api/v1/alerts"))
                        .path("alerts")
                        .size())
                .isEqualTo(1);
    }

    @Test
    void afterLogoutTheCookieIsNoLongerASession() {
        Browser tanaka = Browser.of(web).loggedInAs("tanaka");

        assertThat(tanaka.delete("/api/v1/session").statusCode()).isEqualTo(204);

        assertThat(TestServer.json(tanaka.get("/api/v1/session")).path("role").asText())
                .isEqualTo("public");
        assertThat(access.openSessions()).isZero();
    }

    @Test
    void disablingAnAccountEndsItsSessionAtTheNextRequest() {
        Browser tanaka = Browser.of(web).loggedInAs("tanaka");

        access.setEnabled("tanaka", false, "admin");

        assertThat(TestServer.json(tanaka.get("/api/v1/session")).path("role").asText())
                .isEqualTo("public");
        assertThat(tanaka.post("/api/v1/alerts/1/acknowledge", "{}").statusCode())
                .isEqualTo(401);
        assertThat(Browser.of(web).login("tanaka", InMemoryAccess.PASSWORD).statusCode())
                .isEqualTo(401);
    }

    @Test
    void aFamilyLinkOpensAFamilySessionUntilItIsRevoked() {
        String link = access.linkFor("family-sato", KAKOGAWA);
        Browser tab = Browser.of(web).throughLink(link);

        JsonNode who = TestServer.json(tab.get("/api/v1/session"));
        assertThat(who.path("role").asText()).isEqualTo("family");
        assertThat(who.path("family").asText()).isEqualTo("family-sato");
        assertThat(who.path("login").asText()).startsWith("link:");

        long id = Long.parseLong(who.path("login").asText().substring(5));
        access.revoke(
                new org.kawamori.core.alert.Audience.FamilyId("family-sato"), id, "sato", java.time.Instant.now());

        assertThat(TestServer.json(tab.get("/api/v1/session")).path("role").asText())
                .isEqualTo("public");
        assertThat(Browser.of(web)
                        .send("POST", "/api/v1/session/link", "{\"token\":\"" + link + "\"}")
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void loggingInAgainEndsTheBrowsersPreviousSession() {
        Browser tab = Browser.of(web).loggedInAs("tanaka");
        assertThat(access.openSessions()).isEqualTo(1);

        tab.loggedInAs("tanaka");

        assertThat(access.openSessions()).isEqualTo(1);
    }

    @Test
    void aLoginIsJsonOnly() {
        HttpResponse<String> form = web.send(HttpRequest.newBuilder(web.uri("/api/v1/session"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("login=tanaka&password=x")));

        assertThat(form.statusCode()).isEqualTo(415);
    }

    @Test
    void theAdminBearerTokenStillActsAsAnAdministratorWithoutCsrf() {
        HttpResponse<String> ack = web.send("POST", "/api/v1/alerts/1/acknowledge", TestAuth.TOKEN, "{}");

        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(TestServer.json(web.get("/api/v1/session", TestAuth.TOKEN))
                        .path("role")
                        .asText())
                .isEqualTo("admin");
    }
}
