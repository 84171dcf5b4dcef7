package org.kawamori.mapweb;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.kawamori.core.Alert;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.alert.AlertRecord;

/** Alerts for tests, read like prose: {@code givenAlert(7, "river-stage").on("kunikane").level(2).build()}. */
final class AlertFixtures {

    static final Instant T = Instant.parse("2026-07-01T03:00:00Z");
    static final String KAKOGAWA = "282103";
    static final String TAKASAGO = "282162";

    private AlertFixtures() {}

    static Builder givenAlert(long id, String rule) {
        return new Builder(id, rule);
    }

    static final class Builder {
        private final long id;
        private final String rule;
        private String municipality = KAKOGAWA;
        private String subject = "kunikane";
        private Alert.Severity severity = Alert.Severity.WARNING;
        private Alert.State state = Alert.State.OPEN;
        private int level = 1;
        private int sequence = 1;
        private Instant changedAt = T;
        private final Map<String, String> detail = new LinkedHashMap<>();

        private Builder(long id, String rule) {
            this.id = id;
            this.rule = rule;
            detail.put("_owner", "sensor:kunikane");
            detail.put("_subject.ja", "国包");
            detail.put("station", "kunikane");
            detail.put("station-name", "国包");
        }

        Builder in(String code) {
            this.municipality = code;
            detail.put("municipality", code);
            return this;
        }

        Builder on(String station) {
            this.subject = station;
            detail.put("station", station);
            detail.put("_owner", "sensor:" + station);
            return this;
        }

        /** A tag's alert: the subject and the facts are personal data. */
        Builder onTag(String tag, String family) {
            this.subject = tag;
            detail.clear();
            detail.put("_owner", "tag:" + tag);
            detail.put("_family", family);
            detail.put("place", "加古川小学校 正門");
            detail.put("lat", "34.7571");
            detail.put("lon", "134.8412");
            return this;
        }

        Builder level(int level) {
            this.level = level;
            detail.put("stage", Integer.toString(level));
            return this;
        }

        Builder severity(Alert.Severity severity) {
            this.severity = severity;
            return this;
        }

        Builder state(Alert.State state) {
            this.state = state;
            return this;
        }

        Builder sequence(int sequence) {
            this.sequence = sequence;
            return this;
        }

        Builder changedAt(Instant at) {
            this.changedAt = at;
            return this;
        }

        Builder fact(String key, String value) {
            detail.put(key, value);
            return this;
        }

        AlertRecord build() {
            Instant opened = changedAt.isBefore(T) ? changedAt : T;
            return new AlertRecord(
                    new Alert(id, MunicipalityCode.of(municipality), subject, rule, severity, state, opened, changedAt),
                    level,
                    sequence,
                    changedAt,
                    detail);
        }
    }
}
