package org.kawamori.mapweb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.kawamori.core.fixtures.SensorFixtures.givenSensor;
import static org.kawamori.mapweb.AlertFixtures.givenAlert;
import static org.kawamori.mapweb.OfficerServer.KAKOGAWA_OFFICER;
import static org.kawamori.mapweb.OfficerServer.TAKASAGO_OFFICER;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kawamori.core.Alert;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.Quantity;
import org.kawamori.core.Reading;
import org.kawamori.core.Sensor;
import org.kawamori.core.alert.AlertTransition;
import org.kawamori.core.alert.Audience;
import org.kawamori.core.alert.Notice;
import org.kawamori.core.alert.Notifier;
import org.kawamori.core.fixtures.InMemorySensorRegistry;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The officer console in headless Chromium, logged in as a real session: the basin's gauges and the
 * open alerts drawn; a live escalation, a reading, a colleague's acknowledgement and a clearance
 * arriving without a reload; acknowledging (the server records the officer); the language switch; a
 * declared search's trail shown on request with the audit note and gone when the search ends; an
 * officer of another municipality sees none of it; the stream comes back after a server restart.
 * Screenshots land in map-web/target/screenshots. Skipped when Chromium is not installed (except in CI).
 */
class OfficerConsoleBrowserTest {

    static final String HOSTILE = "<img src=x onerror=alert(1)>国包";
    static final MunicipalityCode KAKOGAWA = MunicipalityCode.of("282103");
    static final MunicipalityCode TAKASAGO = MunicipalityCode.of("282162");

    final Instant now = Instant.now();
    final Sensor kunikane = givenSensor("kunikane")
            .in("282103")
            .gauge()
            .at(34.7868, 134.8466)
            .named(HOSTILE)
            .build();
    final Sensor underpass = givenSensor("ichiba-underpass")
            .in("282103")
            .at(34.765, 134.838)
            .named("市場アンダーパス")
            .experimental()
            .build();
    final Sensor arai = givenSensor("arai")
            .in("282162")
            .gauge()
            .at(34.765, 134.80)
            .named("荒井")
            .build();
    final Sensor nishiwaki = givenSensor("itami")
            .in("282138")
            .gauge()
            .at(34.99, 134.97)
            .named("板波")
            .build();
    final OfficerServer console = OfficerServer.over(new InMemorySensorRegistry()
            .with(kunikane)
            .with(underpass)
            .with(arai)
            .with(nishiwaki));
    TestServer web;
    Notifier channel;
    HeadlessChromium chromium;
    ChromeDriver driver;

    @BeforeEach
    void start() {
        chromium = HeadlessChromium.open(1600, 1000);
        driver = chromium.driver;
        console.readings.with(
                new Reading(kunikane.id(), KAKOGAWA, now.minusSeconds(300), Quantity.WATER_LEVEL, 2.70),
                new Reading(arai.id(), TAKASAGO, now.minusSeconds(300), Quantity.WATER_LEVEL, 1.10),
                new Reading(
                        nishiwaki.id(), nishiwaki.municipality(), now.minusSeconds(300), Quantity.WATER_LEVEL, 3.4));
        console.alerts
                .with(givenAlert(5, "river-stage")
                        .on("kunikane")
                        .level(2)
                        .changedAt(now.minusSeconds(300))
                        .fact("station-name", HOSTILE)
                        .fact("level-m", "2.70")
                        .build())
                .with(givenAlert(3, "offline")
                        .on("ichiba-underpass")
                        .fact("station-name", "市場アンダーパス")
                        .fact("last-report", now.minusSeconds(90_000).toString())
                        .fact("overdue-after", now.minusSeconds(3_600).toString())
                        .changedAt(now.minusSeconds(3_600))
                        .build())
                .with(givenAlert(4, "battery-low")
                        .on("arai")
                        .in("282162")
                        .fact("station-name", "荒井")
                        .fact("battery-percent", "11")
                        .fact("time", now.minusSeconds(600).toString())
                        .changedAt(now.minusSeconds(600))
                        .build())
                .with(givenAlert(6, "upstream-warning")
                        .on("itami")
                        .level(3)
                        .fact("station-name", "板波")
                        .fact("downstream", "282103")
                        .changedAt(now.minusSeconds(200))
                        .build());
        console.searches
                .declare(41, "282103", "tag-hana")
                .sighted(41, 34.7571, 134.8412, now.minusSeconds(900))
                .sighted(41, 34.7601, 134.8455, now.minusSeconds(120))
                .declare(42, "282162", "tag-taro")
                .sighted(42, 34.755, 134.79, now.minusSeconds(60));
        web = console.start();
        channel = web.server.officerNoticeChannel(OfficerEventsTest::document);
    }

    @AfterEach
    void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (web != null) {
            web.close();
        }
    }

    @Test
    void anOfficerWatchesTheBasinAcknowledgesAndReadsTheSearchTrailOnlyDuringTheSearch() throws Exception {
        logInAs(KAKOGAWA_OFFICER);
        chromium.until(() -> "true".equals(chromium.script("return document.body.dataset.ready"))
                && "connected".equals(chromium.script("return document.body.dataset.liveState")));

        assertThat(chromium.script("return document.body.dataset.alertCount")).isEqualTo("4");
        assertThat(row("5").getAttribute("data-state")).isEqualTo("open");
        assertThat(chromium.text("li[data-alert-id='5'] .alert-text")).isEqualTo("氾濫注意水位（2.70 m）");
        assertThat(chromium.text("li[data-alert-id='5'] .alert-name"))
                .as("markup is shown as text")
                .isEqualTo(HOSTILE);
        assertThat(driver.findElements(By.cssSelector(".panels img"))).isEmpty();
        assertThat(row("5").findElement(By.cssSelector("button.ack")).isDisplayed())
                .isTrue();
        assertThat(row("4").findElement(By.cssSelector("button.ack")).isDisplayed())
                .as("Takasago's alert is acknowledged by Takasago")
                .isFalse();
        assertThat(driver.findElements(By.cssSelector("#upstream-list li[data-alert-id='6']")))
                .hasSize(1);
        assertThat(chromium.text("#upstream-list li[data-alert-id='6'] .alert-text"))
                .contains("板波")
                .contains("避難判断水位");
        assertThat(chromium.attribute("#gauge-list li[data-sensor-id=kunikane]", "data-stage"))
                .isEqualTo("caution");
        assertThat(chromium.attribute("#gauge-list li[data-sensor-id=ichiba-underpass]", "data-stage"))
                .isEqualTo("missing");
        assertThat(chromium.text("#device-list li[data-device-id=ichiba-underpass] .device-status"))
                .startsWith("欠測");
        assertThat(chromium.text("#device-list li[data-device-id=arai] .device-status"))
                .isEqualTo("電池残量低下 11%");
        assertThat(driver.findElements(By.cssSelector("#search-list li[data-search-id]")))
                .extracting(e -> e.getAttribute("data-search-id"))
                .containsExactly("41");
        assertThat(chromium.script("return document.body.dataset.trailCount")).isEqualTo("0");
        Object origin = chromium.script("return window.performance.timeOrigin");
        chromium.screenshot("officer-initial");

        // a live escalation to 氾濫危険水位, as the store has it
        console.alerts.with(givenAlert(5, "river-stage")
                .on("kunikane")
                .level(4)
                .severity(Alert.Severity.CRITICAL)
                .sequence(2)
                .changedAt(now)
                .fact("station-name", HOSTILE)
                .fact("level-m", "4.85")
                .build());
        channel.deliver(notice(
                5,
                2,
                AlertTransition.ESCALATED,
                Alert.Severity.CRITICAL,
                "river-stage",
                KAKOGAWA,
                Map.of("station", "kunikane", "station-name", HOSTILE, "stage", "4", "level-m", "4.85")));
        web.server
                .liveFeed()
                .onCommitted(kunikane, List.of(new Reading(kunikane.id(), KAKOGAWA, now, Quantity.WATER_LEVEL, 4.85)));

        chromium.until(
                () -> "danger".equals(chromium.attribute("#gauge-list li[data-sensor-id=kunikane]", "data-stage")));
        chromium.until(() -> "4.85"
                .equals(chromium.attribute("#gauge-list li[data-sensor-id=kunikane] .latest-value", "data-value")));
        assertThat(row("5").getAttribute("data-severity")).isEqualTo("critical");
        assertThat(chromium.text("li[data-alert-id='5'] .severity")).isEqualTo("重大");
        assertThat(driver.findElement(By.id("critical-banner")).isDisplayed()).isTrue();
        assertThat(chromium.text("#critical-text")).contains("氾濫危険水位");
        chromium.screenshot("officer-escalated");

        // acknowledging by this officer; a colleague's acknowledgement and a clearance arrive live
        row("5").findElement(By.cssSelector("button.ack")).click();
        chromium.until(() -> "acknowledged".equals(row("5").getAttribute("data-state")));
        assertThat(console.alerts.acknowledgedBy).containsExactly(KAKOGAWA_OFFICER);
        assertThat(chromium.text("li[data-alert-id='5'] .alert-state")).isEqualTo("確認済み（tanaka）");
        channel.deliver(notice(
                3,
                2,
                AlertTransition.ACKNOWLEDGED,
                Alert.Severity.WARNING,
                "offline",
                KAKOGAWA,
                Map.of("station", "ichiba-underpass", "station-name", "市場アンダーパス", "acknowledged-by", "yamamoto")));
        console.alerts.with(givenAlert(4, "battery-low")
                .on("arai")
                .in("282162")
                .state(Alert.State.CLEARED)
                .sequence(2)
                .changedAt(now)
                .build());
        channel.deliver(notice(
                4,
                2,
                AlertTransition.CLEARED,
                Alert.Severity.WARNING,
                "battery-low",
                TAKASAGO,
                Map.of("station", "arai", "station-name", "荒井")));
        chromium.until(() -> "acknowledged".equals(row("3").getAttribute("data-state")));
        assertThat(chromium.text("li[data-alert-id='3'] .alert-state")).isEqualTo("確認済み（yamamoto）");
        chromium.until(() -> "3".equals(chromium.script("return document.body.dataset.alertCount")));
        assertThat(driver.findElements(By.cssSelector("li[data-alert-id='4']"))).isEmpty();
        chromium.until(() -> driver.findElements(By.cssSelector("#device-list li[data-device-id=arai]"))
                .isEmpty());

        // the language switch
        driver.findElement(By.id("lang-toggle")).click();
        assertThat(chromium.text("h1")).isEqualTo("Disaster officer console");
        assertThat(chromium.text("li[data-alert-id='5'] .alert-text")).isEqualTo("Flood danger level (氾濫危険水位)（4.85 m）");
        assertThat(chromium.text("li[data-alert-id='5'] .severity")).isEqualTo("Critical");
        chromium.screenshot("officer-acknowledged-en");
        driver.findElement(By.id("lang-toggle")).click();
        assertThat(chromium.text("h1")).isEqualTo("防災担当コンソール");

        // the searched tag's trail, on request, audited
        driver.findElement(By.cssSelector("#search-list li[data-search-id='41'] button.trail"))
                .click();
        chromium.until(() -> "2".equals(chromium.script("return document.body.dataset.trailCount")));
        assertThat(driver.findElement(By.cssSelector("#trail-box .audit-note")).isDisplayed())
                .isTrue();
        assertThat(console.searches.audit).singleElement().satisfies(read -> assertThat(read.officer())
                .isEqualTo(KAKOGAWA_OFFICER));
        assertThat(trailMarks()).isEqualTo(3L); // the line and its two sightings
        chromium.screenshot("officer-search-trail");

        console.searches.end(41);
        channel.deliver(notice(
                41,
                5,
                AlertTransition.CLEARED,
                Alert.Severity.CRITICAL,
                "lost-mode",
                KAKOGAWA,
                Map.of("search", "41", "municipality", "282103")));

        chromium.until(() -> "0".equals(chromium.script("return document.body.dataset.searchCount")));
        assertThat(chromium.script("return document.body.dataset.trailCount")).isEqualTo("0");
        assertThat(trailMarks()).isZero();
        assertThat(driver.findElement(By.id("trail-box")).isDisplayed()).isFalse();
        assertThat(chromium.script("return window.performance.timeOrigin"))
                .as("the page was never reloaded")
                .isEqualTo(origin);
        chromium.screenshot("officer-search-ended");
    }

    @Test
    void anOfficerOfAnotherMunicipalitySeesNoneOfKakogawasSearchAndTheStreamComesBackAfterARestart() throws Exception {
        logInAs(TAKASAGO_OFFICER);
        chromium.until(() -> "true".equals(chromium.script("return document.body.dataset.ready"))
                && "connected".equals(chromium.script("return document.body.dataset.liveState")));

        assertThat(driver.findElements(By.cssSelector("#search-list li[data-search-id]")))
                .extracting(e -> e.getAttribute("data-search-id"))
                .containsExactly("42");
        assertThat(row("4").findElement(By.cssSelector("button.ack")).isDisplayed())
                .isTrue();
        assertThat(row("5").findElement(By.cssSelector("button.ack")).isDisplayed())
                .isFalse();
        assertThat(driver.findElements(By.cssSelector("#upstream-list li")))
                .as("Kakogawa's upstream warning is not Takasago's")
                .isEmpty();
        assertThat(driver.findElements(By.cssSelector("li[data-alert-id='6']"))).isEmpty();
        channel.deliver(notice(
                41,
                3,
                AlertTransition.REMINDER,
                Alert.Severity.CRITICAL,
                "lost-mode",
                KAKOGAWA,
                Map.of("search", "41", "municipality", "282103", "sighting", "3")));
        channel.deliver(notice(
                7,
                1,
                AlertTransition.OPENED,
                Alert.Severity.INFO,
                "suspect-value",
                KAKOGAWA,
                Map.of("station", "kunikane")));
        chromium.until(() ->
                !driver.findElements(By.cssSelector("li[data-alert-id='7']")).isEmpty());
        assertThat(driver.findElements(By.cssSelector("#search-list li[data-search-id]")))
                .hasSize(1);
        assertThat(console.searches.audit).isEmpty();
        chromium.screenshot("officer-takasago");

        int port = web.port;
        web.close();
        chromium.until(() -> "reconnecting".equals(chromium.script("return document.body.dataset.liveState")));
        chromium.screenshot("officer-reconnecting");
        CountDownLatch snapshotAnswered = console.alerts.holdOpenAlertAnswers();
        web = console.startOn(port, OfficerStream.MAX_AGE_MS);
        channel = web.server.officerNoticeChannel(OfficerEventsTest::document);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> "connected".equals(chromium.script("return document.body.dataset.liveState")));
        await().atMost(Duration.ofSeconds(30)).until(() -> console.alerts.heldAnswers.get() > 0);
        channel.deliver(notice(
                8,
                1,
                AlertTransition.OPENED,
                Alert.Severity.WARNING,
                "rate-of-rise",
                TAKASAGO,
                Map.of("station", "arai")));
        chromium.until(() -> "1".equals(chromium.script("return document.body.dataset.heldEvents")));
        snapshotAnswered.countDown();
        chromium.until(() -> "0".equals(chromium.script("return document.body.dataset.heldEvents")));
        assertThat(driver.findElements(By.cssSelector("li[data-alert-id='8']")))
                .as("a notice that came while the console caught up is not undone by the older snapshot")
                .hasSize(1);
    }

    // --- fixtures ---------------------------------------------------------------------------------

    /** Goes to the console, is sent to the login page, logs in there (a real session cookie) and comes back. */
    void logInAs(String login) {
        driver.get(web.uri("/officer.html").toString());
        chromium.until(() -> driver.getCurrentUrl().contains("/login.html?next=%2Fofficer.html"));
        Object status = driver.executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                        + "fetch('/api/v1/session', {method: 'POST', headers: {'Content-Type': 'application/json'},"
                        + " body: JSON.stringify({login: arguments[0], password: arguments[1]})})"
                        + ".then(function (r) { done(r.status); });",
                login,
                InMemoryAccess.PASSWORD);
        assertThat(status).isEqualTo(200L);
        driver.get(web.uri("/officer.html").toString());
    }

    Notice notice(
            long id,
            int sequence,
            AlertTransition t,
            Alert.Severity severity,
            String rule,
            MunicipalityCode municipality,
            Map<String, String> facts) {
        return new Notice(
                Notice.keyOf(id, sequence),
                id,
                t,
                severity,
                rule,
                new Audience.Officers(municipality),
                now,
                "題",
                "title",
                facts);
    }

    WebElement row(String alertId) {
        return driver.findElement(By.cssSelector("li[data-alert-id='" + alertId + "']"));
    }

    long trailMarks() {
        return (Long) chromium.script(
                "return document.querySelectorAll('path[stroke=\"#d81b60\"], path[stroke=\"#880e4f\"]').length");
    }
}
