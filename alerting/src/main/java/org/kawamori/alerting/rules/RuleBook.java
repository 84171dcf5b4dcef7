package org.kawamori.alerting.rules;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.kawamori.core.DeviceId;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.Sensor;
import org.kawamori.core.TagId;

/**
 * All rules as data: the stations' rules, the upstream subscriptions, the families' watch rules, and
 * the layered settings for what is not given per station (a sensor without its own entry gets the
 * rules its settings describe). Immutable; the engine swaps a whole book when rules are edited.
 */
public final class RuleBook {

    private final Settings settings;
    private final Map<DeviceId, StationRules> stations;
    private final List<UpstreamSubscription> subscriptions;
    private final Map<TagId, WatchRules> watches;
    /** The rules each sensor's settings describe, read once per book (the book never changes). */
    private final Map<Sensor, StationRules> described = new ConcurrentHashMap<>();

    private RuleBook(
            Settings settings,
            Map<DeviceId, StationRules> stations,
            List<UpstreamSubscription> subscriptions,
            Map<TagId, WatchRules> watches) {
        this.settings = settings;
        this.stations = Map.copyOf(stations);
        this.subscriptions = List.copyOf(subscriptions);
        this.watches = Map.copyOf(watches);
    }

    public static RuleBook of(
            Settings settings,
            Collection<StationRules> stations,
            Collection<UpstreamSubscription> subscriptions,
            Collection<WatchRules> watches) {
        Objects.requireNonNull(settings, "settings");
        return new RuleBook(
                settings,
                stations.stream().collect(Collectors.toMap(s -> s.sensor().id(), Function.identity())),
                List.copyOf(subscriptions),
                watches.stream().collect(Collectors.toMap(WatchRules::tag, Function.identity())));
    }

    /**
     * This book with {@code more} tags watched as well (e.g. a tag in lost mode that has no watch rule of
     * its own); a tag this book already watches keeps its rules.
     */
    public RuleBook alsoWatching(Collection<WatchRules> more) {
        Map<TagId, WatchRules> all = new java.util.HashMap<>();
        more.forEach(w -> all.put(w.tag(), w));
        all.putAll(watches);
        return new RuleBook(settings, stations, subscriptions, all);
    }

    /** The station's own rules, or those its settings describe. */
    public StationRules station(Sensor sensor) {
        StationRules configured = stations.get(sensor.id());
        return configured != null ? configured : described.computeIfAbsent(sensor, s -> StationRules.from(s, settings));
    }

    public Collection<StationRules> stations() {
        return stations.values();
    }

    public List<UpstreamSubscription> subscriptionsOf(DeviceId station) {
        return subscriptions.stream().filter(s -> s.station().equals(station)).toList();
    }

    public Optional<WatchRules> watch(TagId tag) {
        return Optional.ofNullable(watches.get(tag));
    }

    public Collection<WatchRules> watches() {
        return watches.values();
    }

    public Lifecycle lifecycle(MunicipalityCode municipality) {
        return Lifecycle.of(settings.forMunicipality(municipality));
    }

    public Settings settings() {
        return settings;
    }
}
