package org.kawamori.mapweb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kawamori.core.fixtures.SensorFixtures.givenSensor;
import static org.kawamori.mapweb.AlertFixtures.givenAlert;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kawamori.core.Quantity;
import org.kawamori.core.Reading;
import org.kawamori.core.Sensor;
import org.kawamori.core.fixtures.InMemorySensorRegistry;
import org.openqa.selenium.By;

/**
 * The public flood map in headless Chromium, against a real server: gauges painted in their stage
 * colours with the stage as text too, a live reading moving a gauge to another stage without a reload,
 * a gauge's 24-hour chart with its stage lines, the language switch, experimental sensors marked,
 * markup in names shown as text, and 10,000 sensors drawn in clusters that show the worst state inside.
 * Screenshots land in map-web/target/screenshots.
 */
class PublicFloodMapBrowserTest {

    static final String HOSTILE = "<img src=x onerror=alert(1)>国包";
    static final String KAKOGAWA = "282103";
    static final String THRESHOLDS = "1:1.50,2:2.60,3:3.30,4:4.00";
    /** The page's stage colours (app.js STAGES). */
    static final String CALM = "#1565c0", CAUTION = "#f9a825", EVACUATE = "#d32f2f", DANGER = "#6a1b9a";

    static final String PIXEL_LEFT_OF_GLYPH =
            """
            var p = window.kawamoriMap.screenPoint(arguments[0]);
            if (!p || p.cluster) return null;
            var canvas = document.querySelector('canvas.kawamori-gauges');
            var ratio = window.devicePixelRatio || 1;
            var d = canvas.getContext('2d').getImageData(Math.round((p.x - 6) * ratio), Math.round(p.y * ratio), 1, 1).data;
            return '#' + [d[0], d[1], d[2]].map(function (v) { return v.toString(16).padStart(2, '0'); }).join('');
            """;

    final Instant now = Instant.now();
    final Sensor kunikane = givenSensor("kunikane")
            .in(KAKOGAWA)
            .gauge()
            .at(34.790, 134.840)
            .named(HOSTILE)
            .build();
    final Sensor ichiba = givenSensor("ichiba")
            .in(KAKOGAWA)
            .gauge()
            .at(34.772, 134.860)
            .named("市場")
            .build();
    final Sensor silent = givenSensor("hioka")
            .in(KAKOGAWA)
            .gauge()
            .at(34.775, 134.825)
            .named("日岡")
            .build();
    final Sensor offline = givenSensor("noguchi")
            .in(KAKOGAWA)
            .gauge()
            .at(34.792, 134.870)
            .named("野口")
            .build();
    final Sensor underpass = givenSensor("underpass-1")
            .in(KAKOGAWA)
            .inundationSensor()
            .at(34.781, 134.850)
            .named("JR高架下アンダーパス")
            .experimental()
            .build();
    final InMemoryStationStages stages = new InMemoryStationStages()
            .with("kunikane", THRESHOLDS)
            .with("ichiba", THRESHOLDS)
            .with("noguchi", THRESHOLDS);

    TestServer web;
    HeadlessChromium browser;

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (web != null) {
            web.close();
        }
    }

    Reading level(Sensor sensor, Duration ago, double metres) {
        return new Reading(sensor.id(), sensor.municipality(), now.minus(ago), Quantity.WATER_LEVEL, metres);
    }

    /** Kunikane rising through the night to 2.70 m (注意), Ichiba calm, Hioka never reported, Noguchi offline. */
    void givenTheBasinOfATyphoonNight() {
        InMemorySensorRegistry registry = new InMemorySensorRegistry()
                .with(kunikane)
                .with(ichiba)
                .with(silent)
                .with(offline)
                .with(underpass);
        InMemoryReadingQueries readings = new InMemoryReadingQueries(registry);
        IntStream.rangeClosed(0, 24)
                .forEach(h -> readings.with(level(kunikane, Duration.ofMinutes(57 * (24 - h)), 1.0 + 1.7 * h / 24.0)));
        readings.with(level(ichiba, Duration.ofMinutes(5), 1.0))
                .with(level(offline, Duration.ofHours(3), 1.2))
                .with(new Reading(underpass.id(), underpass.municipality(), now, Quantity.INUNDATION_DEPTH, 0.12));
        InMemoryAlerts alerts = new InMemoryAlerts()
                .with(givenAlert(7, "offline")
                        .on("noguchi")
                        .fact("station-name", "野口")
                        .changedAt(now)
                        .build());
        web = TestServer.start(new MapWebServer(WebConfig.onPort(0), registry, readings, List.of())
                .withAlerts(alerts, alerts, TestAuth.AUTH)
                .withStages(stages));
    }

    /** Waits for the gauge detail's chart to show {@code points} readings; on time-out dumps the detail. */
    void untilTheChartShows(int points) {
        browser.untilOrDump(
                () -> String.valueOf(points).equals(browser.attribute("#detail svg.level-chart", "data-points")),
                "(() => { const d = document.querySelector('#detail');"
                        + " const c = d && d.querySelector('svg.level-chart');"
                        + " return { detail: d && Object.assign({}, d.dataset), hidden: d && d.hidden,"
                        + " chart: c && Object.assign({}, c.dataset) }; })()");
    }

    void openThePageZoomedIn() {
        browser = HeadlessChromium.open(1366, 860);
        browser.driver.get(web.uri("/").toString());
        browser.untilOrDump(() -> "true".equals(browser.script("return document.body.dataset.ready"))
                && "5".equals(browser.script("return document.body.dataset.sensorCount"))
                && "1".equals(browser.script("return document.body.dataset.alertCount"))
                && "connected".equals(browser.script("return document.body.dataset.liveState")));
        // again until it holds: the page's own fit to the boundaries may still be animating
        browser.untilOrDump(() -> {
            browser.script("window.kawamoriMap.zoomTo(34.782, 134.848, 14)");
            return browser.script(PIXEL_LEFT_OF_GLYPH, "ichiba") != null;
        });
    }

    String pixel(String id) {
        return (String) browser.script(PIXEL_LEFT_OF_GLYPH, id);
    }

    @Test
    void gaugesArePaintedInTheirStageColoursWithTheStageAlsoAsText() throws Exception {
        givenTheBasinOfATyphoonNight();
        openThePageZoomedIn();

        assertThat(browser.attribute("li[data-sensor-id=kunikane]", "data-stage"))
                .isEqualTo("caution");
        assertThat(browser.text("li[data-sensor-id=kunikane] .stage-label")).isEqualTo("注意");
        assertThat(pixel("kunikane")).isEqualTo(CAUTION);
        assertThat(browser.attribute("li[data-sensor-id=ichiba]", "data-stage")).isEqualTo("normal");
        assertThat(pixel("ichiba")).isEqualTo(CALM);
        assertThat(browser.attribute("li[data-sensor-id=hioka]", "data-stage"))
                .as("never reported")
                .isEqualTo("missing");
        assertThat(browser.attribute("li[data-sensor-id=noguchi]", "data-stage"))
                .as("its offline alert is active")
                .isEqualTo("missing");
        assertThat(browser.text("li[data-sensor-id=noguchi] .stage-label")).isEqualTo("欠測");
        assertThat(browser.text("li[data-sensor-id=underpass-1] .latest-value")).isEqualTo("浸水深 12 cm");
        assertThat(browser.find("li[data-sensor-id=underpass-1] .badge.experimental")
                        .isDisplayed())
                .isTrue();
        assertThat(browser.text("li[data-sensor-id=underpass-1] .badge.experimental"))
                .contains("試験運用中");
        assertThat(browser.text("li[data-sensor-id=kunikane] .sensor-name"))
                .as("markup in a name is shown as text")
                .isEqualTo(HOSTILE);
        assertThat(browser.driver.findElements(By.cssSelector("#sensor-panel img")))
                .isEmpty();
        assertThat(browser.text(".panel-foot .credit")).contains("国土数値情報", "国土交通省");
        assertThat(browser.text("li[data-sensor-id=kunikane] .latest-time")).endsWith("JST");
        browser.screenshot("public-map-stages");
    }

    @Test
    void aLiveReadingMovesAGaugeToAnotherStageWithoutAReload() throws Exception {
        givenTheBasinOfATyphoonNight();
        openThePageZoomedIn();
        Object origin = browser.script("return window.performance.timeOrigin");

        web.server.liveFeed().onCommitted(ichiba, List.of(level(ichiba, Duration.ZERO, 3.45)));

        browser.until(() -> "evacuate".equals(browser.attribute("li[data-sensor-id=ichiba]", "data-stage")));
        assertThat(browser.text("li[data-sensor-id=ichiba] .stage-label")).isEqualTo("避難判断");
        browser.until(() -> EVACUATE.equals(pixel("ichiba")));
        browser.screenshot("public-map-live-evacuate");

        web.server.liveFeed().onCommitted(ichiba, List.of(level(ichiba, Duration.ofSeconds(-1), 4.2)));

        browser.until(() -> DANGER.equals(pixel("ichiba")));
        assertThat(browser.attribute("li[data-sensor-id=ichiba]", "data-stage")).isEqualTo("danger");
        assertThat(browser.script("return window.performance.timeOrigin"))
                .as("the page was not reloaded")
                .isEqualTo(origin);
    }

    @Test
    void aSelectedGaugeShowsItsLast24HoursWithItsStageLines() throws Exception {
        givenTheBasinOfATyphoonNight();
        openThePageZoomedIn();

        browser.find("li[data-sensor-id=kunikane]").click();

        untilTheChartShows(25);
        assertThat(browser.attribute("#detail", "data-sensor-id")).isEqualTo("kunikane");
        assertThat(browser.text("#detail .detail-name")).isEqualTo(HOSTILE);
        List<String> levels = browser.driver.findElements(By.cssSelector("#detail line.stage-line")).stream()
                .map(line -> line.getAttribute("data-level"))
                .toList();
        assertThat(levels).containsExactly("1.5", "2.6", "3.3", "4");
        assertThat(browser.text("#detail .chart-title")).isEqualTo("過去24時間の水位");
        assertThat(browser.driver.findElements(By.cssSelector("#detail text.stage-text")).stream()
                        .map(t -> t.getText())
                        .toList())
                .anyMatch(label -> label.startsWith("氾濫注意水位"));

        web.server.liveFeed().onCommitted(kunikane, List.of(level(kunikane, Duration.ofSeconds(-1), 2.8)));

        untilTheChartShows(26);
        browser.screenshot("public-map-chart");
    }

    @Test
    void theLanguageSwitchChangesTheLabelsAndTheChoiceIsKept() throws Exception {
        givenTheBasinOfATyphoonNight();
        openThePageZoomedIn();
        browser.find("li[data-sensor-id=kunikane]").click();
        untilTheChartShows(25);

        browser.find("#lang-toggle").click();

        assertThat(browser.script("return document.documentElement.lang")).isEqualTo("en");
        assertThat(browser.text("li[data-sensor-id=kunikane] .stage-label")).isEqualTo("Caution");
        assertThat(browser.text("li[data-sensor-id=noguchi] .stage-label")).isEqualTo("Missing");
        assertThat(browser.text("#detail .chart-title")).isEqualTo("Water level, last 24 hours");
        assertThat(browser.text("li[data-sensor-id=underpass-1] .latest-value")).isEqualTo("Depth 12 cm");
        assertThat(browser.text("#panel-title")).isEqualTo("Sensors");
        browser.screenshot("public-map-en");

        browser.driver.navigate().refresh();
        browser.until(() -> "5".equals(browser.script("return document.body.dataset.sensorCount")));
        assertThat(browser.text("#panel-title")).isEqualTo("Sensors");
    }

    @Test
    void tenThousandSensorsAreDrawnInClustersThatShowTheWorstStateInside() throws Exception {
        InMemorySensorRegistry registry = new InMemorySensorRegistry();
        InMemoryReadingQueries readings = new InMemoryReadingQueries(registry);
        InMemoryStationStages many = new InMemoryStationStages();
        for (int i = 0; i < 10_000; i++) {
            Sensor s = givenSensor(String.format("g%05d", i))
                    .in(KAKOGAWA)
                    .gauge()
                    .at(34.72 + (i / 100) * 0.0030, 134.78 + (i % 100) * 0.0030)
                    .named("観測点 " + i)
                    .build();
            registry.with(s);
            many.with(s.id().value(), THRESHOLDS);
            readings.with(new Reading(s.id(), s.municipality(), now, Quantity.WATER_LEVEL, i == 4242 ? 4.5 : 1.0));
        }
        web = TestServer.start(new MapWebServer(WebConfig.onPort(0), registry, readings, List.of()).withStages(many));
        browser = HeadlessChromium.open(1366, 860);

        browser.driver.get(web.uri("/").toString());

        browser.until(() -> "10000".equals(browser.script("return document.body.dataset.sensorCount"))
                && browser.script("return document.body.dataset.firstDrawMs") != null);
        browser.until(
                () -> ((Number) browser.script("return window.kawamoriMap.stats().sensors")).intValue() == 10_000);
        assertThat(((Number) browser.script("return window.kawamoriMap.stats().clusters")).intValue())
                .isBetween(1, 1_000);
        assertThat(browser.script("return window.kawamoriMap.screenPoint('g04242').stage"))
                .as("the cluster holding the one gauge in danger shows danger")
                .isEqualTo("danger");
        assertThat(browser.driver.findElements(By.cssSelector("#sensor-list li")))
                .hasSizeLessThanOrEqualTo(150);
        assertThat(browser.attribute("#sensor-list li:first-child", "data-sensor-id"))
                .as("the gauge in danger heads the list")
                .isEqualTo("g04242");
        browser.screenshot("public-map-10000");
        System.out.println("[PublicFloodMapBrowserTest] 10,000 sensors first drawn at "
                + browser.script("return document.body.dataset.firstDrawMs") + " ms after navigation start");

        browser.find("#sensor-search").sendKeys("観測点 999");
        browser.until(() ->
                browser.driver.findElements(By.cssSelector("#sensor-list li")).size() == 11);
    }
}
