package org.kawamori.mapweb;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.kawamori.core.Alert;
import org.kawamori.core.TagId;
import org.kawamori.core.access.FamilyTags;
import org.kawamori.core.alert.AlertRecord;
import org.kawamori.core.alert.AlertRuleAdmin.InvalidRuleException;
import org.kawamori.core.alert.Audience.FamilyId;
import org.kawamori.core.alert.FamilyWatch;
import org.kawamori.core.alert.WatchRuleRow;

/**
 * A family's watch rules and lost mode in memory for map-web's tests (deploy's FamilyWatchService runs
 * the real engine and store, and is tested there). Ownership comes from the {@link FamilyTags} it is
 * given, as in the real one; a rule is refused when its kind is unknown or a gate pass has no place, so
 * that the API's 422 can be seen; a gate pass needs the parameters the engine's codec requires of a
 * place given by its position.
 */
final class InMemoryFamilyWatch implements FamilyWatch {

    private static final Set<String> KINDS = Set.of("gate-pass", "not-seen", "near-flood");

    private final FamilyTags tags;
    private final Map<TagId, List<WatchRuleRow>> rules = new ConcurrentHashMap<>();
    private final Map<TagId, AlertRecord> searches = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(100);

    InMemoryFamilyWatch(FamilyTags tags) {
        this.tags = tags;
    }

    /** The declared search of the tag, whoever asks (for the test's assertions). */
    Optional<AlertRecord> searchOf(String tag) {
        return Optional.ofNullable(searches.get(new TagId(tag)));
    }

    @Override
    public List<WatchRuleRow> rules(FamilyId family, TagId tag) {
        mine(family, tag);
        return rules.getOrDefault(tag, List.of());
    }

    @Override
    public List<WatchRuleRow> replaceRules(FamilyId family, TagId tag, List<WatchRuleRow> replacement, String by) {
        mine(family, tag);
        Map<String, String> problems = new TreeMap<>();
        for (int i = 0; i < replacement.size(); i++) {
            WatchRuleRow row = replacement.get(i);
            String index = Integer.toString(i);
            if (!KINDS.contains(row.kind())) {
                problems.put(index, "unknown kind (gate-pass, not-seen, near-flood)");
            } else if (row.kind().equals("gate-pass")) {
                // the same required parameters as the engine's codec
                List.of("place", "lat", "lon", "radius-m").stream()
                        .filter(key -> row.params().getOrDefault(key, "").isBlank())
                        .findFirst()
                        .ifPresent(key -> problems.put(index, "parameter '" + key + "' is required"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRuleException(problems);
        }
        rules.put(tag, List.copyOf(replacement));
        return rules.get(tag);
    }

    @Override
    public Optional<AlertRecord> search(FamilyId family, TagId tag) {
        mine(family, tag);
        return Optional.ofNullable(searches.get(tag));
    }

    @Override
    public AlertRecord declareLost(FamilyId family, TagId tag, String by, Instant at) {
        FamilyTags.FamilyTag t = mine(family, tag);
        return searches.computeIfAbsent(
                tag,
                key -> new AlertRecord(
                        new Alert(
                                ids.incrementAndGet(),
                                t.municipality(),
                                tag.value(),
                                "lost-mode",
                                Alert.Severity.CRITICAL,
                                Alert.State.OPEN,
                                at,
                                at),
                        1,
                        1,
                        at,
                        Map.of()));
    }

    @Override
    public boolean endLost(FamilyId family, TagId tag, String by, Instant at) {
        mine(family, tag);
        return searches.remove(tag) != null;
    }

    private FamilyTags.FamilyTag mine(FamilyId family, TagId tag) {
        return tags.tags(family).stream()
                .filter(t -> t.tag().equals(tag))
                .findFirst()
                .orElseThrow(NotYours::new);
    }
}
