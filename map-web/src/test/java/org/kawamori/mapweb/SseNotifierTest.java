package org.kawamori.mapweb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kawamori.core.fixtures.SensorFixtures.givenSensor;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
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

class SseNotifierTest {

    static final Instant T = Instant.parse("2026-07-01T03:00:00Z");
    static final MunicipalityCode KAKOGAWA = MunicipalityCode.of("282103");
    static final Audience PUBLIC = new Audience.Public();
    static final Audience OFFICERS = new Audience.Officers(KAKOGAWA);
    static final Audience FAMILY = new Audience.Family(new Audience.FamilyId("family-7"), KAKOGAWA);

    final Sensor gauge = givenSensor("kunikane").in("282103").build();
    final InMemorySensorRegistry registry = new InMemorySensorRegistry().with(gauge);
    /** What the channel handed to the document function: the notice document comes from outside. */
    final List<Notice> written = new CopyOnWriteArrayList<>();

    final Function<Notice, String> json = n -> {
        written.add(n);
        return Json.write(Json.MAPPER
                .createObjectNode()
                .put("key", n.key())
                .put("rule", n.rule())
                .put("title", n.titleJa())
                .set("facts", Json.MAPPER.valueToTree(new TreeMap<>(n.facts()))));
    };

    TestServer web;

    @AfterEach
    void stop() {
        if (web != null) {
            web.close(); // and its event-stream clients
        }
    }

    SseClient connect() {
        return web.openEvents().awaitConnected();
    }

    Notifier channel() {
        return channel(json);
    }

    Notifier channel(Function<Notice, String> document) {
        if (web == null) {
            web = TestServer.start(registry, new InMemoryReadingQueries(registry), List.of());
        }
        return web.server.noticeChannel(document);
    }

    static Notice notice(int sequence, String rule, Audience audience, Map<String, String> facts) {
        return new Notice(
                Notice.keyOf(42, sequence),
                42,
                AlertTransition.OPENED,
                Alert.Severity.WARNING,
                rule,
                audience,
                T,
                "加古川 国包：氾濫注意水位（2.65 m）",
                "Kunikane: stage 2 flood warning level (2.65 m)",
                facts);
    }

    static Notice flood(int sequence) {
        return notice(sequence, "river-stage", PUBLIC, Map.of("station", "kunikane", "stage", "2"));
    }

    @Test
    void the_channel_is_called_sse() {
        assertThat(channel().channel()).isEqualTo("sse");
    }

    @Test
    void a_public_notice_reaches_a_connected_client_as_an_alert_event_with_the_document_given()
            throws Notifier.DeliveryException {
        Notifier sse = channel();
        SseClient client = connect();

        sse.deliver(flood(3));

        SseClient.Event event = client.nextEvent();
        assertThat(event.type()).isEqualTo("alert");
        assertThat(event.data()).isEqualTo(json.apply(flood(3)));
        JsonNode doc = event.json();
        assertThat(doc.path("key").asText()).isEqualTo("alert-42-3");
        assertThat(doc.path("title").asText()).isEqualTo("加古川 国包：氾濫注意水位（2.65 m）");
    }

    @Test
    void it_accepts_public_flood_notices_only() {
        Notifier sse = channel();

        assertThat(sse.accepts(flood(1))).isTrue();
        assertThat(sse.accepts(notice(1, "inundation", PUBLIC, Map.of()))).isTrue();
        assertThat(sse.accepts(notice(1, "offline", PUBLIC, Map.of()))).isTrue();
        assertThat(sse.accepts(notice(1, "river-stage", OFFICERS, Map.of()))).isFalse();
        assertThat(sse.accepts(notice(1, "rate-of-rise", OFFICERS, Map.of()))).isFalse();
        assertThat(sse.accepts(notice(1, "gate-pass", FAMILY, Map.of("place", "正門"))))
                .isFalse();
        assertThat(sse.accepts(notice(1, "lost-mode", FAMILY, Map.of()))).isFalse();
        // not even when a public audience were put on a rule the public does not see
        assertThat(sse.accepts(notice(1, "near-flood", PUBLIC, Map.of()))).isFalse();
    }

    @Test
    void an_officers_or_family_notice_is_refused_for_good_and_never_sent() throws Notifier.DeliveryException {
        Notifier sse = channel();
        SseClient client = connect();

        for (Notice n : List.of(
                notice(1, "river-stage", OFFICERS, Map.of("station", "kunikane")),
                notice(2, "gate-pass", FAMILY, Map.of("place", "加古川小学校 正門")))) {
            assertThatThrownBy(() -> sse.deliver(n))
                    .isInstanceOfSatisfying(Notifier.DeliveryException.class, e -> assertThat(e.retryable())
                            .isFalse())
                    .hasMessageNotContaining("正門");
        }
        sse.deliver(flood(3));

        // events keep their order: had the refused ones been sent, they would come first
        assertThat(client.nextEvent().json().path("key").asText()).isEqualTo("alert-42-3");
        assertThat(written).extracting(Notice::key).containsExactly("alert-42-3");
    }

    @Test
    void the_document_never_sees_an_engine_key_or_who_acknowledged() throws Notifier.DeliveryException {
        Notifier sse = channel();

        sse.deliver(notice(
                1,
                "river-stage",
                PUBLIC,
                Map.of("station", "kunikane", "_owner", "sensor:kunikane", "acknowledged-by", "officer-sato")));

        assertThat(written).singleElement().satisfies(n -> assertThat(n.facts()).containsOnlyKeys("station"));
    }

    @Test
    void delivering_with_no_client_connected_does_not_throw() {
        Notifier sse = channel();

        assertThat(web.server.liveClientCount()).isZero();
        assertThatCode(() -> sse.deliver(flood(1))).doesNotThrowAnyException();
    }

    @Test
    void delivering_before_start_or_after_close_does_not_throw() {
        MapWebServer server =
                new MapWebServer(WebConfig.onPort(0), registry, new InMemoryReadingQueries(registry), List.of());
        Notifier sse = server.noticeChannel(json);

        assertThatCode(() -> sse.deliver(flood(1))).doesNotThrowAnyException();
        server.start();
        server.close();
        assertThatCode(() -> sse.deliver(flood(2))).doesNotThrowAnyException();
    }

    @Test
    void alerts_and_readings_share_the_stream_in_the_order_they_were_handed_over() throws Notifier.DeliveryException {
        Notifier sse = channel();
        SseClient client = connect();

        web.server
                .liveFeed()
                .onCommitted(gauge, List.of(new Reading(gauge.id(), KAKOGAWA, T, Quantity.WATER_LEVEL, 2.65)));
        sse.deliver(flood(1));

        assertThat(client.nextEvent().type()).isEqualTo("reading");
        assertThat(client.nextEvent().type()).isEqualTo("alert");
    }

    @Test
    void a_document_over_several_lines_arrives_whole() throws Notifier.DeliveryException {
        Notifier sse = channel(n -> "{\n  \"key\": \"" + n.key() + "\"\n}");
        SseClient client = connect();

        sse.deliver(flood(5));

        SseClient.Event event = client.nextEvent();
        assertThat(event.data()).isEqualTo("{\n  \"key\": \"alert-42-5\"\n}");
        assertThat(event.json().path("key").asText()).isEqualTo("alert-42-5");
    }

    @Test
    void a_document_that_cannot_be_written_is_refused_without_quoting_the_notice() {
        Notifier sse = channel(n -> {
            throw new IllegalStateException("boom " + n.facts());
        });

        assertThatThrownBy(() -> sse.deliver(flood(1)))
                .isInstanceOf(Notifier.DeliveryException.class)
                .hasMessageNotContaining("kunikane");
    }
}
