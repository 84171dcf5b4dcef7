package org.kawamori.timeseries;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kawamori.core.Detection;
import org.kawamori.core.DeviceId;
import org.kawamori.core.GeoPoint;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.TagId;
import org.kawamori.core.TagSighting;
import org.kawamori.core.alert.SearchAudit;
import org.kawamori.timeseries.fixtures.OnBothServers;

class PostgresSightingsAndSearchAuditTest extends OnBothServers {

    private static final Instant T0 = Instant.parse("2026-07-01T07:30:00.123456Z");
    private static final MunicipalityCode KAKOGAWA = MunicipalityCode.of("282103");
    private static final MunicipalityCode TAKASAGO = MunicipalityCode.of("282162");
    private static final TagId CHILD = new TagId("child-tag-1");

    private DetectionStore detections;
    private PostgresSightingQueries sightings;

    @BeforeEach
    void aRegisteredTag() {
        new TagRegistry(db.dataSource()).register(CHILD, KAKOGAWA, null, true);
        detections = new DetectionStore(db.dataSource());
        sightings = new PostgresSightingQueries(db.dataSource());
    }

    @Test
    void aTagsLastSightingIsItsLatestDetectionWithPositionAndAccuracy() {
        detections.append(List.of(
                heard(CHILD, KAKOGAWA, "cam-0001", T0, new GeoPoint(34.75, 134.84), 30),
                heard(CHILD, KAKOGAWA, "cam-0002", T0.plusSeconds(90), new GeoPoint(34.7566, 134.8414), 12.5),
                heard(CHILD, KAKOGAWA, "cam-0003", T0.plusSeconds(45), new GeoPoint(34.76, 134.85), 5)));

        assertThat(sightings.lastSighting(CHILD))
                .hasValue(new TagSighting(
                        CHILD,
                        KAKOGAWA,
                        T0.plusSeconds(90),
                        T0.plusSeconds(90),
                        new GeoPoint(34.7566, 134.8414),
                        12.5,
                        1));
    }

    @Test
    void anUnknownAccuracyIsNotANumber() {
        detections.append(List.of(heard(CHILD, KAKOGAWA, "cam-0001", T0, new GeoPoint(34.75, 134.84), Double.NaN)));

        assertThat(sightings.lastSighting(CHILD))
                .hasValueSatisfying(s -> assertThat(s.accuracyMetres()).isNaN());
    }

    @Test
    void aTagNeverSightedOrNotRegisteredHasNoSighting() {
        TagId unregistered = new TagId("stranger-tag");
        detections.append(List.of(heard(unregistered, KAKOGAWA, "cam-0001", T0, new GeoPoint(34.75, 134.84), 10)));

        assertThat(sightings.lastSighting(CHILD)).isEmpty();
        assertThat(sightings.lastSighting(unregistered)).isEmpty();
    }

    @Test
    void onlyDetectionsStoredForTheTagsOwnMunicipalityCount() {
        detections.append(List.of(
                heard(CHILD, KAKOGAWA, "cam-0001", T0, new GeoPoint(34.75, 134.84), 10),
                heard(CHILD, TAKASAGO, "cam-0009", T0.plusSeconds(60), new GeoPoint(34.77, 134.79), 10)));

        assertThat(sightings.lastSighting(CHILD))
                .hasValueSatisfying(s -> assertThat(s.last()).isEqualTo(T0));
    }

    @Test
    void anOfficersReadOfASearchIsAuditedWithoutTagIdOrPosition() throws SQLException {
        Instant at = Instant.parse("2026-07-01T08:00:00Z");

        new PostgresSearchAudit(db.dataSource())
                .officerRead(new SearchAudit.OfficerRead(42, KAKOGAWA, "officer-kato", at, 3));

        try (Connection c = db.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet audit = s.executeQuery(
                        "select at, actor, action, municipality, purpose, origin, detail from audit_log")) {
            assertThat(audit.next()).isTrue();
            assertThat(audit.getTimestamp("at").toInstant()).isEqualTo(at);
            assertThat(audit.getString("actor")).isEqualTo("officer-kato");
            assertThat(audit.getString("action")).isEqualTo("search-read");
            assertThat(audit.getString("municipality")).isEqualTo("282103");
            assertThat(audit.getString("purpose")).isEqualTo("declared search (lost mode)");
            assertThat(audit.getString("origin")).isNull();
            assertThat(audit.getString("detail"))
                    .isEqualTo("search 42: 3 sighting(s)")
                    .doesNotContain(CHILD.value(), "34.", "134.");
            assertThat(audit.next()).as("one row per read").isFalse();
        }
    }

    private static Detection heard(
            TagId tag, MunicipalityCode tagMunicipality, String gateway, Instant time, GeoPoint at, double accuracy) {
        return new Detection(tag, tagMunicipality, DeviceId.of(gateway), KAKOGAWA, time, at, accuracy, -70);
    }
}
