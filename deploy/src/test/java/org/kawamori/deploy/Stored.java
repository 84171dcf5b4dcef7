package org.kawamori.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.kawamori.core.Detection;
import org.kawamori.core.TagId;
import org.kawamori.deploy.fixtures.Http;

/**
 * What a user finds stored, read back the way they would: readings through the API, detections
 * through the app's {@code DetectionStore} (a family's trail of one tag). Every message a test sends
 * carries a time of its own ({@link #uniqueTime()}), so what is found at that time is that message's,
 * whatever other engineers' runs publish on the shared Mosquitto.
 */
final class Stored {

    private static Instant last = Instant.EPOCH;

    private Stored() {}

    /** A time a few seconds ago, to the millisecond, never handed out before in this JVM. */
    static synchronized Instant uniqueTime() {
        Instant candidate = Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.MILLIS);
        last = candidate.isAfter(last) ? candidate : last.plusMillis(1);
        return last;
    }

    /** SenML time: seconds since the epoch with milliseconds. */
    static String senmlTime(Instant t) {
        return String.format(Locale.ROOT, "%d.%03d", t.getEpochSecond(), t.getNano() / 1_000_000);
    }

    /** The values of one sensor's readings at exactly {@code t}, as {@code GET …/readings} lists them. */
    static List<String> readingsAt(KawamoriApp app, String sensor, Instant t) throws Exception {
        JsonNode history = new Http(app.endpoints().mapUrl())
                .getJson("/api/v1/sensors/" + sensor + "/readings?from=" + t + "&to=" + t.plusMillis(1));
        List<String> values = new ArrayList<>();
        for (JsonNode row : history.path("readings")) {
            values.add(row.path("quantity").asText() + "=" + row.path("value").asText());
        }
        return values;
    }

    /**
     * One tag's detections at exactly {@code t}, each as "tag-municipality gateway gateway-municipality
     * lat,lon ±accuracy rssi".
     */
    static List<String> detectionsAt(KawamoriApp app, String tag, Instant t) {
        List<String> found = new ArrayList<>();
        for (Detection d : BothModes.detectionsOf(app).trail(new TagId(tag), t, t.plusMillis(1), 10)) {
            found.add(describe(d));
        }
        return found;
    }

    /** The newest detection of each tag of one municipality, at {@code t} only, described as above. */
    static List<String> latestOfMunicipalityAt(KawamoriApp app, org.kawamori.core.MunicipalityCode m, Instant t) {
        List<String> found = new ArrayList<>();
        for (Detection d : BothModes.detectionsOf(app).latestPerTag(m)) {
            if (d.time().equals(t)) {
                found.add(d.tag().value() + " " + describe(d));
            }
        }
        return found;
    }

    private static String describe(Detection d) {
        return String.format(
                Locale.ROOT,
                "%s %s %s %s,%s ±%s %d",
                d.tagMunicipality().value(),
                d.gateway().value(),
                d.gatewayMunicipality().value(),
                d.position().latitude(),
                d.position().longitude(),
                d.accuracyMetres(),
                d.rssi());
    }
}
