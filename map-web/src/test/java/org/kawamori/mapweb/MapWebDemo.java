package org.kawamori.mapweb;

import static org.kawamori.core.fixtures.SensorFixtures.givenSensor;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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

/**
 * Not a test: serves fixture sensors with a reading every few seconds, to look at the page by hand.
 * {@code java -cp <test classpath> org.kawamori.mapweb.MapWebDemo [port]}
 */
public final class MapWebDemo {

    private MapWebDemo() {}

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        List<Sensor> gauges = List.of(
                gauge("kunikane", "28210", "加古川 国包", 34.7868, 134.8466, false),
                gauge("kakogawa-bashi", "28210", "加古川 加古川橋", 34.7682, 134.8337, false),
                gauge("itanami", "28213", "加古川 板波", 34.9906, 134.9747, false),
                gauge("osumi-bashi", "28228", "加古川 大住橋", 34.8797, 134.9286, false),
                gauge("miki-minagawa", "28215", "美嚢川 三木", 34.7989, 134.9905, false),
                gauge("mangan-ji", "28220", "万願寺川 加西", 34.8895, 134.8627, true),
                gauge("sugihara", "28365", "杉原川 多可", 35.0530, 134.9237, true));
        Sensor underpass = givenSensor("takasago-underpass-1")
                .in(code("28216"))
                .inundationSensor()
                .at(34.7580, 134.7930)
                .named("高砂 JRアンダーパス")
                .experimental()
                .build();
        Sensor silent = givenSensor("inami-underpass-2")
                .in(code("28381"))
                .inundationSensor()
                .at(34.7470, 134.9140)
                .named("稲美 町道アンダーパス")
                .build();
        InMemorySensorRegistry registry =
                new InMemorySensorRegistry().with(underpass).with(silent);
        gauges.forEach(registry::with);
        InMemoryReadingQueries queries = new InMemoryReadingQueries(registry);
        Random random = new Random(7);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        for (Sensor g : gauges) {
            queries.with(level(g, now.minusSeconds(600), 1 + random.nextDouble() * 2));
        }
        queries.with(new Reading(
                underpass.id(), underpass.municipality(), now.minusSeconds(3600), Quantity.INUNDATION_DEPTH, 0));

        // two public alerts to begin with; the ticker moves kunikane's river stage up and down
        InMemoryAlerts alerts = new InMemoryAlerts()
                .with(AlertFixtures.givenAlert(1, "river-stage")
                        .level(2)
                        .changedAt(now)
                        .fact("station-name", "加古川 国包")
                        .fact("level-m", "2.70")
                        .build())
                .with(AlertFixtures.givenAlert(2, "offline")
                        .on("inami-underpass-2")
                        .in(code("28381"))
                        .changedAt(now)
                        .fact("station-name", "稲美 町道アンダーパス")
                        .build());
        MapWebServer web = new MapWebServer(new WebConfig("127.0.0.1", port), registry, queries, List.of())
                .withAlerts(alerts, alerts, TestAuth.AUTH)
                .withStandardView(alerts);
        Notifier sse = web.noticeChannel(MapWebDemo::noticeJson);
        web.start();
        int[] stage = {2, 1};
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        ticker.scheduleAtFixedRate(
                () -> {
                    Sensor g = gauges.get(random.nextInt(gauges.size()));
                    Reading r = level(g, Instant.now(), 1 + random.nextDouble() * 2);
                    queries.with(r);
                    web.liveFeed().onCommitted(g, List.of(r));
                    if (random.nextInt(4) == 0) {
                        stage[0] = Math.max(1, Math.min(5, stage[0] + (random.nextBoolean() ? 1 : -1)));
                        deliver(sse, stage[0], ++stage[1]);
                    }
                },
                3,
                3,
                TimeUnit.SECONDS);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            ticker.shutdownNow();
            web.close();
        }));
    }

    /** kunikane's river-stage alert moved to {@code stage}, as the engine's public notice. */
    private static void deliver(Notifier sse, int stage, int sequence) {
        try {
            sse.deliver(new Notice(
                    Notice.keyOf(1, sequence),
                    1,
                    AlertTransition.ESCALATED,
                    stage >= 3 ? Alert.Severity.CRITICAL : Alert.Severity.WARNING,
                    "river-stage",
                    new Audience.Public(),
                    Instant.now(),
                    "加古川 国包",
                    "Kunikane",
                    Map.of("station", "kunikane", "station-name", "加古川 国包", "stage", Integer.toString(stage))));
        } catch (Notifier.DeliveryException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A stand-in for the notify module's NoticeJson (this module does not depend on it). */
    private static String noticeJson(Notice n) {
        return Json.write(Json.MAPPER
                .createObjectNode()
                .put("v", 1)
                .put("key", n.key())
                .put("alertId", n.alertId())
                .put("transition", AlertJson.code(n.transition()))
                .put("rule", n.rule())
                .put("at", n.at().toString())
                .set("facts", Json.MAPPER.valueToTree(new TreeMap<>(n.facts()))));
    }

    private static Sensor gauge(String id, String five, String name, double lat, double lon, boolean experimental) {
        var b = givenSensor(id).in(code(five)).gauge().at(lat, lon).named(name);
        return (experimental ? b.experimental() : b).build();
    }

    private static String code(String five) {
        return MunicipalityCode.fromFiveDigits(five).value();
    }

    private static Reading level(Sensor s, Instant time, double value) {
        return new Reading(s.id(), s.municipality(), time, Quantity.WATER_LEVEL, Math.round(value * 100) / 100.0);
    }
}
