package org.kawamori.alerting.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.kawamori.core.DeviceId;
import org.kawamori.core.Gateway;
import org.kawamori.core.Municipalities;
import org.kawamori.core.alert.WatchRuleRow;

/**
 * The rule book from what is stored: the shipped defaults (and a deployment's file), the settings
 * rows laid over them, the upstream subscriptions those settings name, and the families' watch
 * rules. Stations need no entry of their own: their rules come from the settings.
 */
public final class StoredRules {

    private StoredRules() {}

    public static RuleBook book(
            Settings base,
            Map<String, String> storedSettings,
            List<WatchRuleRow> watchRows,
            Function<DeviceId, Optional<Gateway>> gateways,
            Consumer<String> onBadRow) {
        Settings settings = base.over(storedSettings);
        List<UpstreamSubscription> upstream = new ArrayList<>();
        for (var municipality : Municipalities.kakogawaBasin()) {
            upstream.addAll(UpstreamSubscription.of(municipality.code(), settings));
        }
        return RuleBook.of(settings, List.of(), upstream, WatchRuleCodec.read(watchRows, settings, gateways, onBadRow));
    }
}
