package org.kawamori.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistryCsvTest {

    private static final String HEADER = "type,id,municipality,kind,name,lat,lon,secret,experimental\n";

    @Test
    void theSameDeviceOrTagTwiceInOneFileIsABadLineThatDoesNotQuoteTheTagId() {
        RegistryCsv.Parsed parsed = RegistryCsv.parse(HEADER
                + "sensor,kunikane,282103,RIVER_GAUGE,国包,34.78,134.84,,\n"
                + "tag,child-tag,282103,,,,,,\n"
                + "sensor,kunikane,282103,RIVER_GAUGE,国包,34.78,134.84,,\n"
                + "tag,child-tag,282162,,,,,,\n");

        assertThat(parsed.ok()).isFalse();
        assertThat(parsed.entries()).isEmpty();
        assertThat(parsed.problems())
                .extracting(Object::toString)
                .containsExactly(
                        "line 4: sensor kunikane is on line 2 already", "line 5: the same tag is on line 3 already");
    }

    @Test
    void aBrokenQuoteOrAnEmptyFileIsAProblemOfItsLineOrOfTheWholeFile() {
        assertThat(RegistryCsv.parse(HEADER + "sensor,\"kunikane,282103\n").problems())
                .containsExactly(new RegistryCsv.LineProblem(2, "a quoted field is not closed"));
        assertThat(RegistryCsv.parse("").problems())
                .extracting(Object::toString)
                .containsExactly("the file is empty");
    }

    @Test
    void oneEntryFromNamedFieldsIsCheckedAsACsvLineIs() {
        RegistryEntry entry = RegistryCsv.entry(
                EntryType.GATEWAY,
                Map.of("id", "phone-7f3a", "municipality", "282162", "kind", "phone", "secret", "tok-tok-tok"));

        assertThat(entry).isInstanceOfSatisfying(RegistryEntry.GatewayEntry.class, g -> {
            assertThat(g.gateway().position()).isEmpty();
            assertThat(g.secret()).isPresent();
            assertThat(g.toString()).doesNotContain("tok-tok-tok").contains("secret ****");
        });
        assertThatThrownBy(() -> RegistryCsv.entry(EntryType.SENSOR, Map.of("id", "s1", "municipality", "282103")))
                .hasMessage("kind is required");
        assertThatThrownBy(() -> RegistryCsv.entry(
                        EntryType.SENSOR,
                        Map.of(
                                "id",
                                "s1",
                                "municipality",
                                "282103",
                                "kind",
                                "RIVER_GAUGE",
                                "name",
                                "x",
                                "lat",
                                "91",
                                "lon",
                                "134")))
                .hasMessageContaining("lat must be within ±90");
        assertThatThrownBy(() -> RegistryCsv.entry(EntryType.TAG, Map.of("id", "t", "type", "sensor")))
                .hasMessageContaining("unknown field 'type'");
        assertThat(RegistryCsv.entry(EntryType.TAG, Map.of("id", "child-tag", "municipality", "282103"))
                        .toString())
                .doesNotContain("child-tag");
    }
}
