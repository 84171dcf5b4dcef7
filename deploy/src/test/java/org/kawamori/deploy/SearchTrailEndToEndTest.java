package org.kawamori.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kawamori.deploy.RunningKawamori.givenKawamori;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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
import org.kawamori.core.access.Principal;
import org.kawamori.core.alert.AlertRecord;
import org.kawamori.core.alert.Audience.FamilyId;
import org.kawamori.core.alert.Searches;
import org.kawamori.core.alert.WatchRuleRow;
import org.kawamori.deploy.alerts.SearchService;
import org.kawamori.timeseries.FamilyRegistry;
import org.kawamori.timeseries.PostgresAlertRules;
import org.kawamori.timeseries.TagRegistry;

/**
 * A declared search in the running app, on the local PostgreSQL: the family of a Kakogawa tag declares
 * its wearer missing, the tag is sighted, and a Kakogawa officer reads the trail through the search
 * port, which writes the audit_log row first; an officer of Takasago is refused and leaves no row; once
 * the search ends the trail is gone.
 */
class SearchTrailEndToEndTest {

    private static final MunicipalityCode KAKOGAWA = MunicipalityCode.of("282103");
    private static final MunicipalityCode TAKASAGO = MunicipalityCode.of("282162");
    private static final TagId HANA = new TagId("search-tag-hana");
    private static final FamilyId YAMADA = new FamilyId("yamada");
    private static final Principal.Officer TANAKA = new Principal.Officer("tanaka", KAKOGAWA);
    private static final Principal.Officer SUZUKI = new Principal.Officer("suzuki", TAKASAGO);

    private static RunningKawamori kawamori;
    private static Searches searches;

    @BeforeAll
    static void start() throws Exception {
        kawamori = givenKawamori().withEmbeddedBroker().withLocalPostgres().start();
        new TagRegistry(kawamori.app().dataSource()).register(HANA, KAKOGAWA, "はな", true);
        FamilyRegistry families = new FamilyRegistry(kawamori.app().dataSource());
        families.register(YAMADA, KAKOGAWA, "山田");
        families.assign(HANA, Optional.of(YAMADA));
        new PostgresAlertRules(kawamori.app().dataSource())
                .replaceWatchRules(HANA, List.of(new WatchRuleRow(0, HANA, YAMADA, KAKOGAWA, "near-flood", Map.of())));
        kawamori.app().alerts().reloadRules();
        searches = SearchService.of(kawamori.app().alerts());
    }

    @AfterAll
    static void stop() throws Exception {
        if (kawamori != null) {
            kawamori.close();
        }
    }

    @Test
    void aDeclaredSearchsTrailIsReadAuditedByItsMunicipalitysOfficerAndRefusedToAnother() throws Exception {
        Instant declared = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(120);
        kawamori.app().alerts().engine().declareLost(HANA, declared);
        sighted(declared.plusSeconds(30), 34.7571, 134.8412);
        sighted(declared.plusSeconds(60), 34.7601, 134.8455);

        List<AlertRecord> kakogawas = searches.active(TANAKA);
        assertThat(kakogawas)
                .singleElement()
                .satisfies(s -> assertThat(s.alert().municipality()).isEqualTo(KAKOGAWA));
        long id = kakogawas.get(0).id();
        assertThat(searches.active(SUZUKI)).isEmpty();

        List<TagSighting> trail = searches.trail(id, TANAKA, Instant.now());

        assertThat(trail).hasSize(2);
        assertThat(trail.get(0).position().latitude()).as("newest first").isEqualTo(34.7601);
        assertThat(auditRows()).singleElement().satisfies(row -> {
            assertThat(row.get(0)).isEqualTo("tanaka");
            assertThat(row.get(1)).isEqualTo("search-read");
            assertThat(row.get(2)).isEqualTo("282103");
            assertThat(row.get(3))
                    .contains("search " + id)
                    .contains("2 sighting")
                    .doesNotContain(HANA.value());
        });

        assertThatThrownBy(() -> searches.trail(id, SUZUKI, Instant.now())).isInstanceOf(Searches.NoSuchSearch.class);
        assertThat(auditRows()).as("a refused read leaves no trail of its own").hasSize(1);

        kawamori.app().alerts().engine().endLost(HANA, Instant.now());

        assertThatThrownBy(() -> searches.trail(id, TANAKA, Instant.now())).isInstanceOf(Searches.NoSuchSearch.class);
        assertThat(searches.active(TANAKA)).isEmpty();
        assertThat(auditRows()).hasSize(1);
    }

    private static void sighted(Instant at, double lat, double lon) {
        kawamori.app()
                .alerts()
                .sightings()
                .onSighting(new TagSighting(HANA, KAKOGAWA, at.minusSeconds(3), at, new GeoPoint(lat, lon), 30.0, 2));
    }

    private static List<List<String>> auditRows() throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = kawamori.app().dataSource().getConnection();
                PreparedStatement s = c.prepareStatement(
                        "select actor, action, municipality, detail from audit_log where action = ? order by id")) {
            s.setString(1, "search-read");
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(List.of(r.getString(1), r.getString(2), r.getString(3), r.getString(4)));
                }
            }
        }
        return rows;
    }
}
