package org.kawamori.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kawamori.core.Alert;
import org.kawamori.core.alert.AlertTransition;
import org.kawamori.core.alert.Audience;
import org.kawamori.core.alert.Notice;
import org.kawamori.notify.fixtures.Notices;
import org.kawamori.notify.webhook.WebhookSubscription;
import org.kawamori.notify.webhook.WebhookSubscriptions;

class NoticeJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void an_officers_notice_has_every_field_of_the_documented_schema() throws Exception {
        Notice notice = Notices.flood();

        JsonNode doc = JSON.readTree(NoticeJson.bytes(notice));

        assertThat(doc.properties())
                .extracting(Map.Entry::getKey)
                .containsExactly(
                        "v", "key", "alertId", "transition", "severity", "rule", "audience", "at", "titles", "facts");
        assertThat(doc.get("v").asInt()).isEqualTo(1);
        assertThat(doc.get("key").asText()).isEqualTo(notice.key());
        assertThat(doc.get("alertId").asLong()).isEqualTo(notice.alertId());
        assertThat(doc.get("transition").asText()).isEqualTo("escalated");
        assertThat(doc.get("severity").asText()).isEqualTo("warning");
        assertThat(doc.get("rule").asText()).isEqualTo("river-stage");
        assertThat(doc.get("audience").toString()).isEqualTo("{\"kind\":\"officers\",\"municipality\":\"282103\"}");
        assertThat(doc.get("at").asText()).isEqualTo("2026-07-01T03:04:05Z");
        assertThat(doc.get("titles").get("ja").asText()).isEqualTo("加古川 国包: 氾濫注意水位に到達");
        assertThat(doc.get("titles").get("en").asText()).isEqualTo("Kakogawa at Kunikane: flood warning stage reached");
        assertThat(doc.get("facts").toString())
                .isEqualTo("{\"level\":\"3.21\",\"stage\":\"2\",\"station\":\"kunikane\"}");
    }

    @Test
    void the_audience_names_the_family_or_nobody() throws Exception {
        JsonNode family = JSON.readTree(NoticeJson.bytes(Notices.gatePass("fam-a")));
        assertThat(family.get("audience").toString())
                .isEqualTo("{\"kind\":\"family\",\"family\":\"fam-a\",\"municipality\":\"282103\"}");

        Notice everyone = new Notice(
                "alert-1-1",
                1,
                AlertTransition.CLEARED,
                Alert.Severity.INFO,
                "river-stage",
                new Audience.Public(),
                Instant.parse("2026-07-01T00:00:00Z"),
                "解除 \"引用\"\n改行",
                "lifted",
                Map.of());
        JsonNode pub = JSON.readTree(NoticeJson.bytes(everyone));
        assertThat(pub.get("audience").toString()).isEqualTo("{\"kind\":\"public\"}");
        assertThat(pub.get("titles").get("ja").asText()).isEqualTo("解除 \"引用\"\n改行");
        assertThat(pub.get("facts").isEmpty()).isTrue();
    }

    @Test
    void the_same_notice_gives_the_same_bytes() {
        Notice notice = Notices.gatePass("fam-a");
        assertThat(NoticeJson.bytes(notice)).isEqualTo(NoticeJson.bytes(notice));
    }

    @Test
    void subscriptions_are_found_by_their_exact_audience_and_an_id_is_used_once() {
        var a = new WebhookSubscription(
                "a", Notices.family("fam-a"), java.net.URI.create("https://a.test/h"), "0123456789abcdef");
        var b = new WebhookSubscription(
                "b", Notices.family("fam-b"), java.net.URI.create("https://b.test/h"), "0123456789abcdef");
        var o = new WebhookSubscription(
                "o", Notices.officers(), java.net.URI.create("https://o.test/h"), "0123456789abcdef");
        WebhookSubscriptions subscriptions = WebhookSubscriptions.of(List.of(a, b, o));

        assertThat(subscriptions.forAudience(Notices.family("fam-a"))).containsExactly(a);
        assertThat(subscriptions.forAudience(Notices.officers())).containsExactly(o);
        assertThat(subscriptions.forAudience(new Audience.Public())).isEmpty();
        assertThat(a.toString()).doesNotContain("a.test").doesNotContain("0123456789abcdef");
        assertThatThrownBy(() -> WebhookSubscriptions.of(List.of(a, a))).hasMessageContaining("used twice");
    }
}
