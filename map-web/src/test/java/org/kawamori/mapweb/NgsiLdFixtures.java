package org.kawamori.mapweb;

import static org.kawamori.core.fixtures.SensorFixtures.givenSensor;
import static org.kawamori.mapweb.AlertFixtures.KAKOGAWA;
import static org.kawamori.mapweb.AlertFixtures.T;
import static org.kawamori.mapweb.AlertFixtures.TAKASAGO;
import static org.kawamori.mapweb.AlertFixtures.givenAlert;

import java.util.List;
import java.util.Map;
import org.kawamori.core.Alert;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.Quantity;
import org.kawamori.core.Reading;
import org.kawamori.core.Sensor;
import org.kawamori.core.alert.AlertTransition;
import org.kawamori.core.fixtures.InMemorySensorRegistry;

/**
 * A small basin for the NGSI-LD view: gauges at several stages, inundation sensors wet and silent, an
 * experimental gauge and one under the datum, a disabled one, and alerts of every kind the store may hold
 * (public flood alerts, officers' alerts, families' tag alerts, a rule nobody knows).
 */
final class NgsiLdFixtures {

    static final String ONO = MunicipalityCode.fromFiveDigits("28218").value();
    static final String KASAI = MunicipalityCode.fromFiveDigits("28220").value();

    static final Sensor KUNIKANE = givenSensor("kunikane")
            .in(KAKOGAWA)
            .at(34.7868, 134.8466)
            .named("国包")
            .build();
    static final Sensor ICHIBA = givenSensor("ichiba")
            .in(KAKOGAWA)
            .inundationSensor()
            .at(34.77, 134.85)
            .named("市場 アンダーパス")
            .build();
    static final Sensor ONO_UNDERPASS = givenSensor("ono-underpass-1")
            .in(ONO)
            .inundationSensor()
            .at(34.853, 134.931)
            .named("<b>高架下</b> \"1\"")
            .experimental()
            .build();
    static final Sensor TAKASAGO_1 = givenSensor("takasago-1")
            .in(TAKASAGO)
            .at(34.7459, 134.7886)
            .named("高砂")
            .build();
    static final Sensor MOUTH = givenSensor("harima-mouth")
            .in(KAKOGAWA)
            .at(34.715, 134.83)
            .named("河口")
            .build();
    static final Sensor KASAI_TRIAL = givenSensor("kasai-trial-1")
            .in(KASAI)
            .at(34.928, 134.831)
            .named("加西 試験")
            .experimental()
            .build();
    static final Sensor RETIRED =
            givenSensor("retired").in(KAKOGAWA).named("廃止").disabled().build();

    static final String KUNIKANE_STAGES = "1:1.50,2:2.60,3:3.30,4:4.00,5:4.80";

    private NgsiLdFixtures() {}

    static InMemorySensorRegistry registry() {
        InMemorySensorRegistry registry = new InMemorySensorRegistry();
        List.of(KUNIKANE, ICHIBA, ONO_UNDERPASS, TAKASAGO_1, MOUTH, KASAI_TRIAL, RETIRED)
                .forEach(registry::with);
        return registry;
    }

    static InMemoryReadingQueries readings(InMemorySensorRegistry registry) {
        return new InMemoryReadingQueries(registry)
                .with(
                        reading(KUNIKANE, T.minusSeconds(600), Quantity.WATER_LEVEL, 2.40),
                        reading(KUNIKANE, T, Quantity.WATER_LEVEL, 2.65),
                        reading(KUNIKANE, T.plusSeconds(30), Quantity.BATTERY, 81),
                        reading(ICHIBA, T, Quantity.INUNDATION_DEPTH, 0.22),
                        reading(TAKASAGO_1, T.minusSeconds(7200), Quantity.WATER_LEVEL, 1.05),
                        reading(MOUTH, T, Quantity.WATER_LEVEL, -0.35),
                        reading(KASAI_TRIAL, T, Quantity.WATER_LEVEL, 5.10),
                        reading(RETIRED, T, Quantity.WATER_LEVEL, 9.99));
    }

    static InMemoryStationStages stages() {
        return new InMemoryStationStages().with("kunikane", KUNIKANE_STAGES).with("kasai-trial-1", "4:4.50,5:5.00");
    }

    static InMemoryAlerts alerts() {
        return new InMemoryAlerts()
                .with(givenAlert(1, "river-stage")
                        .level(2)
                        .state(Alert.State.ACKNOWLEDGED)
                        .sequence(2)
                        .changedAt(T.plusSeconds(100))
                        .fact("stage-name-ja", "氾濫注意水位")
                        .fact("stage-name-en", "flood warning level")
                        .fact("level-m", "2.65")
                        .fact("threshold-m", "2.60")
                        .fact("acknowledged-by", "officer-sato")
                        .build())
                .withTransition(1, AlertTransition.ACKNOWLEDGED, Map.of("acknowledged-by", "officer-sato"), T)
                .with(givenAlert(2, "inundation")
                        .on("ichiba")
                        .level(2)
                        .severity(Alert.Severity.CRITICAL)
                        .changedAt(T.plusSeconds(200))
                        .fact("station-name", "市場 アンダーパス")
                        .fact("depth-m", "0.22")
                        .build())
                .with(givenAlert(3, "offline")
                        .on("takasago-1")
                        .in(TAKASAGO)
                        .changedAt(T.plusSeconds(300))
                        .fact("station-name", "高砂")
                        .fact("last-report", T.minusSeconds(7200).toString())
                        .build())
                .with(givenAlert(4, "rate-of-rise")
                        .changedAt(T.plusSeconds(400))
                        .build())
                .with(givenAlert(5, "battery-low").changedAt(T.plusSeconds(500)).build())
                .with(givenAlert(6, "suspect-value")
                        .severity(Alert.Severity.INFO)
                        .build())
                .with(givenAlert(7, "upstream-warning").on("nishiwaki-1").build())
                .with(givenAlert(8, "gate-pass")
                        .onTag("tag-secret-8", "family-8")
                        .build())
                .with(givenAlert(9, "not-seen")
                        .onTag("tag-secret-9", "family-9")
                        .build())
                .with(givenAlert(10, "near-flood")
                        .onTag("tag-secret-10", "family-10")
                        .build())
                .with(givenAlert(11, "lost-mode")
                        .onTag("tag-secret-11", "family-11")
                        .severity(Alert.Severity.CRITICAL)
                        .build())
                .with(givenAlert(12, "river-stage")
                        .state(Alert.State.CLEARED)
                        .sequence(3)
                        .changedAt(T.plusSeconds(900))
                        .fact("stage", "0")
                        .build())
                .with(givenAlert(13, "river-stage")
                        .on("kasai-trial-1")
                        .in(KASAI)
                        .level(5)
                        .severity(Alert.Severity.CRITICAL)
                        .fact("station-name", "加西 試験")
                        .fact("experimental", "true")
                        .fact("level-m", "5.10")
                        .build())
                .with(givenAlert(14, "some-future-rule").build());
    }

    /** The ids of the alerts the public sees active: what {@code type=Alert} lists, by id. */
    static final List<Long> PUBLIC_ACTIVE = List.of(1L, 2L, 3L, 13L);

    static MapWebServer server() {
        InMemorySensorRegistry registry = registry();
        InMemoryAlerts alerts = alerts();
        return new MapWebServer(WebConfig.onPort(0), registry, readings(registry), List.of())
                .withAlerts(alerts, alerts, TestAuth.AUTH)
                .withStages(stages())
                .withStandardView(alerts);
    }

    static Reading reading(Sensor sensor, java.time.Instant time, Quantity quantity, double value) {
        return new Reading(sensor.id(), sensor.municipality(), time, quantity, value);
    }
}
