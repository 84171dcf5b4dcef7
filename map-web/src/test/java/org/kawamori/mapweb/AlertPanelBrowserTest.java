package org.kawamori.mapweb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.kawamori.core.fixtures.SensorFixtures.givenSensor;
import static org.kawamori.mapweb.AlertFixtures.givenAlert;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kawamori.core.Alert;
import org.kawamori.core.Quantity;
import org.kawamori.core.Reading;
import org.kawamori.core.Sensor;
import org.kawamori.core.alert.AlertTransition;
import org.kawamori.core.alert.Audience;
import org.kawamori.core.alert.Notice;
import org.kawamori.core.alert.Notifier;
import org.kawamori.core.fixtures.InMemorySensorRegistry;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The public page in headless Chromium: the active public alerts in their panel, gauges coloured by
 * stage, a live {@code alert} event moving a gauge's stage and a cleared one taking it off, without a
 * reload; a station name with markup shown as text; an event that comes while the page reloads its
 * snapshot after a restart still shown once the older snapshot arrives. Screenshots land in map-web/target/screenshots.
 * Skipped when Chromium is not installed (except in CI).
 */
class AlertPanelBrowserTest {

    static final String HOSTILE = "<img src=x onerror=alert(1)>国包";

    final Instant now = Instant.now();
    final Sensor kunikane = givenSensor("kunikane")
            .in("282103")
            .at(34.7868, 134.8466)
            .named(HOSTILE)
            .build();
    final Sensor ichiba =
            givenSensor("ichiba").in("282103").at(34.77, 134.85).named("市場").build();
    final InMemorySensorRegistry registry =
            new InMemorySensorRegistry().with(kunikane).with(ichiba);
    InMemoryReadingQueries readings;
    InMemoryAlerts alerts;
    TestServer web;
    HeadlessChromium chromium;
    ChromeDriver driver;

    @BeforeEach
    void start() {
        readings = new InMemoryReadingQueries(registry)
                .with(new Reading(kunikane.id(), kunikane.municipality(), now, Quantity.WATER_LEVEL, 2.7))
                .with(new Reading(ichiba.id(), ichiba.municipality(), now, Quantity.WATER_LEVEL, 1.0));
        alerts = new InMemoryAlerts()
                .with(givenAlert(1, "river-stage")
                        .level(2)
                        .changedAt(now)
                        .fact("station-name", HOSTILE)
                        .fact("level-m", "2.70")
                        .build())
                .with(givenAlert(2, "rate-of-rise").changedAt(now).build());
        web = serveOn(0);
        chromium = HeadlessChromium.open(1366, 860);
        driver = chromium.driver;
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

    TestServer serveOn(int port) {
        return TestServer.start(new MapWebServer(WebConfig.onPort(port), registry, readings, List.of())
                .withAlerts(alerts, alerts, TestAuth.AUTH));
    }

    Notifier publicChannel() {
        return web.server.noticeChannel(n -> Json.write(Json.MAPPER
                .createObjectNode()
                .put("key", n.key())
                .put("alertId", n.alertId())
                .put("transition", AlertJson.code(n.transition()))
                .put("rule", n.rule())
                .set("facts", Json.MAPPER.valueToTree(n.facts()))));
    }

    Object script(String js) {
        return driver.executeScript(js);
    }

    String attribute(String css, String name) {
        return driver.findElement(By.cssSelector(css)).getAttribute(name);
    }

    void until(Supplier<Boolean> condition) {
        await().atMost(Duration.ofSeconds(15)).until(condition::get);
    }

    void screenshot(String name) throws Exception {
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Path target = Path.of("target", "screenshots", name + ".png");
        Files.createDirectories(target.getParent());
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }

    Notice notice(int sequence, AlertTransition transition, int stage) {
        return new Notice(
                Notice.keyOf(1, sequence),
                1,
                transition,
                Alert.Severity.CRITICAL,
                "river-stage",
                new Audience.Public(),
                now,
                "国包",
                "Kunikane",
                Map.of("station", "kunikane", "station-name", HOSTILE, "stage", Integer.toString(stage)));
    }

    @Test
    void the_page_lists_the_public_alerts_colours_the_gauge_and_follows_live_alert_events() throws Exception {
        Notifier sse = publicChannel();
        driver.get(web.uri("/").toString());

        until(() -> "1".equals(script("return document.body.dataset.alertCount"))
                && "connected".equals(script("return document.body.dataset.liveState")));
        assertThat(attribute("li[data-sensor-id=kunikane]", "data-stage")).isEqualTo("caution");
        assertThat(attribute("li[data-sensor-id=ichiba]", "data-stage")).isEqualTo("normal");
        assertThat(driver.findElement(By.cssSelector("li[data-alert-id='1'] .alert-state"))
                        .getText())
                .isEqualTo("氾濫注意水位（2.70 m）");
        assertThat(driver.findElement(By.cssSelector("li[data-alert-id='1'] .alert-name"))
                        .getText())
                .as("markup in a name is shown as text")
                .isEqualTo(HOSTILE);
        assertThat(driver.findElements(By.cssSelector("#alert-list img"))).isEmpty();
        assertThat(driver.findElements(By.cssSelector("li[data-alert-id='2']")))
                .as("officers' alerts are not on the public page")
                .isEmpty();
        Object origin = script("return window.performance.timeOrigin");
        screenshot("alerts-initial");

        sse.deliver(notice(2, AlertTransition.ESCALATED, 4));

        until(() -> "danger".equals(attribute("li[data-sensor-id=kunikane]", "data-stage")));
        assertThat(driver.findElement(By.cssSelector("li[data-alert-id='1'] .stage-label"))
                        .getText())
                .isEqualTo("危険");
        driver.findElement(By.id("lang-toggle")).click();
        assertThat(driver.findElement(By.cssSelector("li[data-alert-id='1'] .alert-state"))
                        .getText())
                .isEqualTo("Stage 4 flood danger level");
        assertThat(driver.findElement(By.cssSelector("li[data-sensor-id=kunikane] .stage-label"))
                        .getText())
                .isEqualTo("Danger");
        screenshot("alerts-escalated-en");

        sse.deliver(notice(3, AlertTransition.CLEARED, 0));

        until(() -> "0".equals(script("return document.body.dataset.alertCount")));
        assertThat(attribute("li[data-sensor-id=kunikane]", "data-stage")).isEqualTo("normal");
        assertThat(driver.findElement(By.id("alert-empty")).isDisplayed()).isTrue();
        assertThat(script("return window.performance.timeOrigin"))
                .as("the page was not reloaded")
                .isEqualTo(origin);
        screenshot("alerts-cleared");
    }

    @Test
    void an_alert_event_that_comes_while_the_page_catches_up_after_a_restart_is_not_undone_by_the_older_snapshot()
            throws Exception {
        driver.get(web.uri("/").toString());
        until(() -> "true".equals(script("return document.body.dataset.ready"))
                && "connected".equals(script("return document.body.dataset.liveState")));
        assertThat(attribute("li[data-sensor-id=kunikane]", "data-stage")).isEqualTo("caution");

        int port = web.port;
        web.close();
        until(() -> "reconnecting".equals(script("return document.body.dataset.liveState")));
        CountDownLatch snapshotAnswered = alerts.holdOpenAlertAnswers();
        web = serveOn(port);
        Notifier sse = publicChannel();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "connected".equals(script("return document.body.dataset.liveState")));
        await().atMost(Duration.ofSeconds(30)).until(() -> alerts.heldAnswers.get() > 0);

        sse.deliver(notice(2, AlertTransition.ESCALATED, 4));
        until(() -> "1".equals(script("return document.body.dataset.heldEvents")));
        snapshotAnswered.countDown();

        until(() -> "0".equals(script("return document.body.dataset.heldEvents")));
        assertThat(attribute("li[data-sensor-id=kunikane]", "data-stage"))
                .as("the escalation is shown, not the stage of the snapshot read before it")
                .isEqualTo("danger");
        assertThat(driver.findElement(By.cssSelector("li[data-alert-id='1'] .stage-label"))
                        .getText())
                .isEqualTo("危険");
    }
}
