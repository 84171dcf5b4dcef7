package org.kawamori.alerting.rules;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.TagId;
import org.kawamori.core.alert.Audience.FamilyId;

/** The rules a family set for one of its tags. Personal data: never printed. */
public record WatchRules(
        TagId tag,
        FamilyId family,
        MunicipalityCode municipality,
        List<GatePassRule> gates,
        List<NotSeenRule> notSeen,
        Optional<NearFloodRule> nearFlood) {

    public WatchRules {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(municipality, "municipality");
        gates = List.copyOf(gates);
        notSeen = List.copyOf(notSeen);
        Objects.requireNonNull(nearFlood, "nearFlood");
    }

    /** No rule yet: lost mode can still be declared. */
    public static WatchRules none(TagId tag, FamilyId family, MunicipalityCode municipality) {
        return new WatchRules(tag, family, municipality, List.of(), List.of(), Optional.empty());
    }

    public WatchRules withGate(GatePassRule gate) {
        return new WatchRules(tag, family, municipality, append(gates, gate), notSeen, nearFlood);
    }

    public WatchRules withNotSeen(NotSeenRule rule) {
        return new WatchRules(tag, family, municipality, gates, append(notSeen, rule), nearFlood);
    }

    public WatchRules withNearFlood(NearFloodRule rule) {
        return new WatchRules(tag, family, municipality, gates, notSeen, Optional.of(rule));
    }

    private static <T> List<T> append(List<T> list, T item) {
        return Stream.concat(list.stream(), Stream.of(item)).toList();
    }

    @Override
    public String toString() {
        return "WatchRules[redacted]";
    }
}
