package org.kawamori.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.kawamori.deploy.RunningKawamori.givenKawamori;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kawamori.core.GeoPoint;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.TagId;
import org.kawamori.core.TagSighting;
import org.kawamori.core.alert.AlertRecord;
import org.kawamori.core.alert.AlertRuleAdmin.InvalidRuleException;
import org.kawamori.core.alert.Audience.FamilyId;
import org.kawamori.core.alert.FamilyWatch;
import org.kawamori.core.alert.WatchRuleRow;
import org.kawamori.deploy.alerts.FamilyWatchService;
import org.kawamori.deploy.fixtures.WebhookReceiver;
import org.kawamori.timeseries.FamilyRegistry;
import org.kawamori.timeseries.PostgresAlertRules;
import org.kawamori.timeseries.PostgresAlertStore;
import org.kawamori.timeseries.PostgresFamilyTags;
import org.kawamori.timeseries.PostgresGatewayRegistry;
import org.kawamori.timeseries.TagRegistry;

/**
 * What a family does to its own tags' alerting, on the running app with the real engine, store and
 * PostgreSQL: declaring a tag missing opens a search that Kakogawa's officers are told of (without the
 * tag or a position), new watch rules are in force from the tag's next sighting, and another family's
 * tag is refused like an unknown one.
 */
class FamilyWatchEndToEndTest {

    private static final MunicipalityCode KAKOGAWA = MunicipalityCode.of("282103");
    private static final FamilyId YAMADA = new FamilyId("yamada");
    private static final FamilyId TANAKA = new FamilyId("tanaka");
    private static final TagId SCHOOL_BAG = new TagId("demo-tag-1");
    private static final TagId GRANDPA = new TagId("yamada-grandpa");
    private static final TagId TANAKA_TAG = new TagId("tanaka-tag");
    private static final GeoPoint SCHOOL_GATE = new GeoPoint(34.7601, 134.8402);

    private static WebhookReceiver bousai;
    private static RunningKawamori kawamori;
    private static FamilyWatch watch;
    private static PostgresAlertStore stored;

    @BeforeAll
    static void start() throws Exception {
        bousai = new WebhookReceiver("kakogawa-bousai-webhook-secret", 0);
        kawamori = givenKawamori()
                .withEmbeddedBroker()
                .withLocalPostgres()
                .withOfficersWebhook("282103", bousai)
                .start();
        var database = kawamori.app().dataSource();
        FamilyRegistry families = new FamilyRegistry(database);
        TagRegistry tags = new TagRegistry(database);
        families.register(YAMADA, KAKOGAWA, "山田");
        families.register(TANAKA, KAKOGAWA, "田中");
        tags.register(GRANDPA, KAKOGAWA, null, true);
        tags.register(TANAKA_TAG, KAKOGAWA, null, true);
        families.assign(SCHOOL_BAG, Optional.of(YAMADA));
        families.assign(GRANDPA, Optional.of(YAMADA));
        families.assign(TANAKA_TAG, Optional.of(TANAKA));
        watch = new FamilyWatchService(
                kawamori.app().alerts(),
                new PostgresAlertRules(database),
                new PostgresFamilyTags(database),
                new PostgresGatewayRegistry(database));
        stored = new PostgresAlertStore(database);
    }

    @AfterAll
    static void stop() throws Exception {
        if (kawamori != null) {
            kawamori.close();
        }
        if (bousai != null) {
            bousai.close();
        }
    }

    @Test
    void aFamilyDeclaringATagWithoutRulesMissingOpensASearchTheOfficersAreToldOfUntilItIsFound() {
        AlertRecord search = watch.declareLost(YAMADA, GRANDPA, "yamada-mother", Instant.now());
        AlertRecord again = watch.declareLost(YAMADA, GRANDPA, "yamada-mother", Instant.now());

        assertThat(search.alert().rule()).isEqualTo("lost-mode");
        assertThat(again.id()).isEqualTo(search.id());
        assertThat(watch.search(YAMADA, GRANDPA)).map(AlertRecord::id).hasValue(search.id());
        assertThat(stored.activeAlerts()).extracting(AlertRecord::id).contains(search.id());
        await().atMost(Duration.ofSeconds(15))
                .until(() -> officersNotice(search.id()).isPresent());
        JsonNode notice = officersNotice(search.id()).orElseThrow();
        assertThat(notice.path("transition").asText()).isEqualTo("opened");
        assertThat(notice.toString()).doesNotContain(GRANDPA.value()).doesNotContain("yamada");

        assertThat(watch.endLost(YAMADA, GRANDPA, "yamada-mother", Instant.now()))
                .isTrue();
        assertThat(watch.endLost(YAMADA, GRANDPA, "yamada-mother", Instant.now()))
                .isFalse();
        assertThat(watch.search(YAMADA, GRANDPA)).isEmpty();
        assertThat(stored.activeAlerts()).extracting(AlertRecord::id).doesNotContain(search.id());
    }

    @Test
    void newWatchRulesAreInForceFromTheTagsNextSighting() {
        Instant now = Instant.now();
        sighted(SCHOOL_BAG, SCHOOL_GATE, now.minusSeconds(60));
        assertThat(gatePassOpen(SCHOOL_BAG)).isFalse();

        List<WatchRuleRow> rules = watch.replaceRules(
                YAMADA,
                SCHOOL_BAG,
                List.of(rule(
                        "gate-pass",
                        Map.of(
                                "place",
                                "school",
                                "name",
                                "加古川小学校 正門",
                                "lat",
                                "34.7600",
                                "lon",
                                "134.8400",
                                "radius-m",
                                "60"))),
                "yamada-mother");
        sighted(SCHOOL_BAG, SCHOOL_GATE, now.minusSeconds(30));

        assertThat(rules).singleElement().satisfies(r -> {
            assertThat(r.id()).isPositive();
            assertThat(r.family()).isEqualTo(YAMADA);
            assertThat(r.municipality()).isEqualTo(KAKOGAWA);
        });
        assertThat(watch.rules(YAMADA, SCHOOL_BAG)).isEqualTo(rules);
        assertThat(gatePassOpen(SCHOOL_BAG)).isTrue();
    }

    @Test
    void rulesTheEngineCannotReadAreRefusedNamingEachByIndexAndNothingIsStored() {
        List<WatchRuleRow> before = watch.rules(YAMADA, SCHOOL_BAG);

        assertThatThrownBy(() -> watch.replaceRules(
                        YAMADA,
                        SCHOOL_BAG,
                        List.of(
                                rule("near-flood", Map.of()),
                                rule("gate-pass", Map.of("name", "門")),
                                rule("not-seen", Map.of("mode", "sometimes"))),
                        "yamada-mother"))
                .isInstanceOfSatisfying(InvalidRuleException.class, e -> assertThat(e.problems())
                        .containsOnlyKeys("1", "2")
                        .containsEntry("1", "parameter 'place' is required")
                        .containsEntry("2", "mode must be quiet or since"));
        assertThat(watch.rules(YAMADA, SCHOOL_BAG)).isEqualTo(before);
    }

    @Test
    void anotherFamilysTagIsRefusedLikeAnUnknownOneAndNothingChanges() {
        TagId unknown = new TagId("nobodys-tag");
        for (TagId tag : List.of(TANAKA_TAG, unknown)) {
            assertThatThrownBy(() -> watch.declareLost(YAMADA, tag, "yamada-mother", Instant.now()))
                    .isInstanceOf(FamilyWatch.NotYours.class);
            assertThatThrownBy(() -> watch.replaceRules(YAMADA, tag, List.of(rule("near-flood", Map.of())), "x"))
                    .isInstanceOf(FamilyWatch.NotYours.class);
            assertThatThrownBy(() -> watch.rules(YAMADA, tag)).isInstanceOf(FamilyWatch.NotYours.class);
            assertThatThrownBy(() -> watch.search(YAMADA, tag)).isInstanceOf(FamilyWatch.NotYours.class);
            assertThatThrownBy(() -> watch.endLost(YAMADA, tag, "yamada-mother", Instant.now()))
                    .isInstanceOf(FamilyWatch.NotYours.class);
        }
        assertThat(watch.rules(TANAKA, TANAKA_TAG)).isEmpty();
        assertThat(stored.activeAlerts())
                .noneSatisfy(a -> assertThat(a.alert().subject()).isEqualTo(TANAKA_TAG.value()));
    }

    private static WatchRuleRow rule(String kind, Map<String, String> params) {
        // the family and municipality the caller sends are replaced by the tag's own
        return new WatchRuleRow(0, SCHOOL_BAG, TANAKA, MunicipalityCode.of("282162"), kind, params);
    }

    private static void sighted(TagId tag, GeoPoint at, Instant time) {
        kawamori.app()
                .alerts()
                .sightings()
                .onSighting(new TagSighting(tag, KAKOGAWA, time.minusSeconds(1), time, at, 30, 2));
    }

    private static boolean gatePassOpen(TagId tag) {
        return stored.activeAlerts().stream()
                .anyMatch(a -> a.alert().rule().equals("gate-pass")
                        && a.alert().subject().equals(tag.value()));
    }

    private static Optional<JsonNode> officersNotice(long search) {
        return bousai.accepted().stream()
                .map(WebhookReceiver.Received::notice)
                .filter(n -> n.path("rule").asText().equals("lost-mode")
                        && n.path("facts").path("search").asText().equals(Long.toString(search)))
                .findFirst();
    }
}
