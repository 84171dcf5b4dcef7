package org.kawamori.deploy;

import static org.assertj.core.api.Assertions.assertThat;
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
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.TagId;
import org.kawamori.core.alert.Audience.FamilyId;
import org.kawamori.core.alert.WatchRuleRow;
import org.kawamori.deploy.fixtures.Devices;
import org.kawamori.deploy.fixtures.NoticeSubscriber;
import org.kawamori.deploy.fixtures.WebhookReceiver;
import org.kawamori.timeseries.FamilyRegistry;
import org.kawamori.timeseries.PostgresAlertRules;

/**
 * The notice Kakogawa families get today: their child's tag passes the school-gate camera, and the
 * family — and only that family — hears of it on its own MQTT topic, logged in at the embedded broker.
 */
class GatePassEndToEndTest {

    private static final MunicipalityCode KAKOGAWA = MunicipalityCode.of("282103");
    private static final FamilyId YAMADA = new FamilyId("yamada");
    private static final FamilyId TANAKA = new FamilyId("tanaka");

    private static WebhookReceiver bousai;
    private static RunningKawamori kawamori;

    @BeforeAll
    static void start() throws Exception {
        bousai = new WebhookReceiver("kakogawa-bousai-webhook-secret", 0);
        kawamori = givenKawamori()
                .withEmbeddedBroker()
                .withLocalPostgres()
                .withOfficersWebhook("282103", bousai)
                .start();
        FamilyRegistry families = new FamilyRegistry(kawamori.app().dataSource());
        families.register(YAMADA, KAKOGAWA, "山田");
        families.register(TANAKA, KAKOGAWA, "田中");
        families.assign(new TagId("demo-tag-1"), Optional.of(YAMADA));
        families.setMqttSecret(YAMADA, "yamada-mqtt-secret".toCharArray());
        families.setMqttSecret(TANAKA, "tanaka-mqtt-secret".toCharArray());
        new PostgresAlertRules(kawamori.app().dataSource())
                .replaceWatchRules(
                        new TagId("demo-tag-1"),
                        List.of(new WatchRuleRow(
                                0,
                                new TagId("demo-tag-1"),
                                YAMADA,
                                KAKOGAWA,
                                "gate-pass",
                                Map.of("place", "school-gate", "name", "加古川小学校 正門", "gateway", "demo-camera-1"))));
        kawamori.app().alerts().reloadRules();
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
    void aTagPassingTheSchoolGateIsToldToItsFamilyAndToNobodyElse() throws Exception {
        try (NoticeSubscriber yamada = family("yamada", "yamada-mqtt-secret");
                NoticeSubscriber tanaka = family("tanaka", "tanaka-mqtt-secret")) {
            assertThat(yamada.subscribe("kawamori/notices/family/yamada")).isEqualTo(1);
            assertThat(tanaka.subscribe("kawamori/notices/family/tanaka")).isEqualTo(1);
            Devices.publish(
                    kawamori.endpoints().mqttUrl(),
                    Optional.of(new String[] {"demo-camera-1", "demo-secret"}),
                    "kawamori/282103/gateways/demo-camera-1/detections",
                    "{\"v\":1,\"detections\":[{\"tag\":\"demo-tag-1\",\"time\":"
                            + Instant.now().minusSeconds(2).getEpochSecond() + ",\"rssi\":-68}]}");

            // detections of one tag are folded for 10 s before the sighting goes to the rules
            await().atMost(Duration.ofSeconds(30)).until(() -> !yamada.notices().isEmpty());
            JsonNode notice = yamada.notices().get(0);
            assertThat(notice.path("rule").asText()).isEqualTo("gate-pass");
            assertThat(notice.path("transition").asText()).isEqualTo("opened");
            assertThat(notice.path("audience").path("family").asText()).isEqualTo("yamada");
            assertThat(notice.path("facts").path("place-name").asText()).isEqualTo("加古川小学校 正門");
            assertThat(notice.path("titles").path("ja").asText()).contains("加古川小学校 正門");

            // nobody else heard of it: not another family, not the officers
            assertThat(tanaka.notices()).isEmpty();
            assertThat(bousai.accepted())
                    .noneSatisfy(
                            r -> assertThat(r.notice().path("rule").asText()).isEqualTo("gate-pass"));
        }
    }

    @Test
    void aFamilyCannotSubscribeToAnotherFamilysNotices() throws Exception {
        try (NoticeSubscriber tanaka = family("tanaka", "tanaka-mqtt-secret")) {
            assertThat(tanaka.subscribe("kawamori/notices/family/yamada")).isEqualTo(0x87);
        }
    }

    private static NoticeSubscriber family(String id, String secret) throws Exception {
        return NoticeSubscriber.loggedInAs(kawamori.endpoints().mqttUrl(), "family:" + id, secret);
    }
}
