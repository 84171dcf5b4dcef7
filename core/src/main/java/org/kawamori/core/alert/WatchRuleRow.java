package org.kawamori.core.alert;

import java.util.Map;
import java.util.Objects;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.TagId;

/**
 * One watch rule a family set for one of its tags, as stored: its kind ({@code gate-pass}, {@code
 * not-seen}, {@code near-flood}) and its parameters as text (the alert engine reads and checks them).
 * Personal data: never printed.
 *
 * @param id the stored row's id (0 before it is stored)
 */
public record WatchRuleRow(
        long id,
        TagId tag,
        Audience.FamilyId family,
        MunicipalityCode municipality,
        String kind,
        Map<String, String> params) {

    public WatchRuleRow {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(municipality, "municipality");
        Objects.requireNonNull(kind, "kind");
        params = Map.copyOf(params);
    }

    @Override
    public String toString() {
        return "WatchRuleRow[" + id + " " + kind + ", redacted]";
    }
}
