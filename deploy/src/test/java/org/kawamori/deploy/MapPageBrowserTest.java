package org.kawamori.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.kawamori.deploy.RunningKawamori.givenKawamori;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kawamori.deploy.fixtures.Browser;
import org.kawamori.deploy.fixtures.Devices;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The map as a person sees it: headless Chromium opens the page of a Kawamori running the demo basin
 * simulator, sees the gauges drawn on the offline basemap, and sees a reading published by a real
 * MQTT client arrive without a reload. Screenshots land in deploy/target/screenshots.
 */
class MapPageBrowserTest {

    private static RunningKawamori kawamori;
    private static KawamoriApp app;

    @BeforeAll
    static void start() throws Exception {
        kawamori = givenKawamori()
                .withEmbeddedBroker()
                .withLocalPostgres()
                .withSimulators()
                .start();
        app = kawamori.app();
    }

    @AfterAll
    static void stop() throws Exception {
        if (kawamori != null) {
            kawamori.close();
        }
    }

    @Test
    void theMapDrawsTheBasinGaugesAndShowsALiveReadingWithoutReload() throws Exception {
        try (Browser browser = new Browser()) {
            browser.driver().get(app.endpoints().mapUrl());

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> "connected".equals(browser.script("return document.body.dataset.liveState")));
            Object count = browser.script("return document.body.dataset.sensorCount");
            assertThat(Integer.parseInt(String.valueOf(count))).isEqualTo(6);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> "true".equals(browser.script("return document.body.dataset.ready")));
            assertThat(Integer.parseInt(String.valueOf(browser.script("return document.body.dataset.boundaryCount"))))
                    .as("the basin's municipal boundaries drawn")
                    .isGreaterThanOrEqualTo(6);
            await().atMost(Duration.ofSeconds(20))
                    .until(() ->
                            ((Number) browser.script("return window.kawamoriMap.stats().sensors")).intValue() == 6);
            assertThat(browser.script("return document.body.dataset.firstDrawMs"))
                    .as("the gauges were drawn on the canvas")
                    .isNotNull();
            assertThat(browser.driver().getPageSource()).contains("国土数値情報");
            // every simulated gauge reports within a few seconds, over MQTT and over CoAP
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> browser.driver()
                                    .findElements(By.cssSelector("li[data-sensor-id][data-has-data=\"true\"]"))
                                    .size()
                            == 5);
            browser.screenshot("map-initial");

            Object marker = browser.script("return window.performance.timeOrigin");
            Devices.publish(
                    app.endpoints().mqttUrl(),
                    Optional.of(new String[] {"demo-gauge-1", "demo-secret"}),
                    "kawamori/282103/sensors/demo-gauge-1/up",
                    "[{\"n\":\"level\",\"u\":\"m\",\"v\":4.56}]");

            WebElement value =
                    browser.driver().findElement(By.cssSelector("[data-sensor-id=\"demo-gauge-1\"] .latest-value"));
            await().atMost(Duration.ofSeconds(15)).until(() -> value.getText().contains("4.56"));
            assertThat(browser.script("return window.performance.timeOrigin"))
                    .as("the page was not reloaded")
                    .isEqualTo(marker);
            browser.screenshot("map-live-update");
        }
    }
}
