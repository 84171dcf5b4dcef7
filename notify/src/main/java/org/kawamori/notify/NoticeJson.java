package org.kawamori.notify;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.kawamori.core.alert.Audience;
import org.kawamori.core.alert.Notice;

/**
 * The one JSON document of a notice that every channel sends (webhook body, MQTT payload, later the
 * SSE event data), so that a receiver parses one format whatever the channel. Schema version {@value
 * #VERSION}, documented in the module README:
 *
 * <pre>{@code
 * {"v":1,"key":"alert-42-3","alertId":42,"transition":"escalated","severity":"warning",
 *  "rule":"river-stage","audience":{"kind":"officers","municipality":"282103"},
 *  "at":"2026-07-01T03:00:00Z","titles":{"ja":"…","en":"…"},"facts":{"stage":"3","station":"kunikane"}}
 * }</pre>
 *
 * Fields come in this order, facts sorted by name, so that the same notice gives the same bytes.
 */
public final class NoticeJson {

    /** The schema version, field {@code v}. Raised only for a change a receiver must know about. */
    public static final int VERSION = 1;

    public static final String CONTENT_TYPE = "application/json";

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private NoticeJson() {}

    /** The document in UTF-8. */
    public static byte[] bytes(Notice notice) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            write(notice, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory does not fail
        }
        return out.toByteArray();
    }

    public static String string(Notice notice) {
        return new String(bytes(notice), StandardCharsets.UTF_8);
    }

    private static void write(Notice notice, JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeNumberField("v", VERSION);
        json.writeStringField("key", notice.key());
        json.writeNumberField("alertId", notice.alertId());
        json.writeStringField("transition", code(notice.transition()));
        json.writeStringField("severity", code(notice.severity()));
        json.writeStringField("rule", notice.rule());
        json.writeObjectFieldStart("audience");
        writeAudience(notice.audience(), json);
        json.writeEndObject();
        json.writeStringField("at", DateTimeFormatter.ISO_INSTANT.format(notice.at()));
        json.writeObjectFieldStart("titles");
        json.writeStringField("ja", notice.titleJa());
        json.writeStringField("en", notice.titleEn());
        json.writeEndObject();
        json.writeObjectFieldStart("facts");
        for (Map.Entry<String, String> fact : new TreeMap<>(notice.facts()).entrySet()) {
            json.writeStringField(fact.getKey(), fact.getValue());
        }
        json.writeEndObject();
        json.writeEndObject();
    }

    private static void writeAudience(Audience audience, JsonGenerator json) throws IOException {
        json.writeStringField("kind", kind(audience));
        if (audience instanceof Audience.Officers officers) {
            json.writeStringField("municipality", officers.municipality().value());
        } else if (audience instanceof Audience.Family family) {
            json.writeStringField("family", family.family().value());
            json.writeStringField("municipality", family.municipality().value());
        }
    }

    /** {@code officers}, {@code family} or {@code public}: the audience's kind, safe in logs and metrics. */
    public static String kind(Audience audience) {
        if (audience instanceof Audience.Officers) {
            return "officers";
        }
        return audience instanceof Audience.Family ? "family" : "public";
    }

    private static String code(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
