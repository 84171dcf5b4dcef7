package org.kawamori.alerting;

import java.util.Objects;
import java.util.Optional;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.alert.Audience.FamilyId;

/**
 * Which alert a condition is about: one subject and one rule (one active alert each), the municipality
 * whose alert it is, the owner whose lock guards it (a sensor or a tag), and for a tag the family.
 */
record Target(String owner, String subject, RuleCode rule, MunicipalityCode municipality, Optional<FamilyId> family) {

    Target {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(municipality, "municipality");
        Objects.requireNonNull(family, "family");
    }

    @Override
    public String toString() {
        // the subject may be a tag id: personal data
        return "Target[" + rule.code() + " " + municipality + "]";
    }

    String key() {
        return key(subject, rule.code());
    }

    static String key(String subject, String rule) {
        return subject + "|" + rule;
    }
}
