package org.kawamori.alerting;

import org.kawamori.alerting.rules.UpstreamSubscription;
import org.kawamori.core.Sensor;

/**
 * The upstream warning of a downstream municipality: the upstream station's stage condition, worded
 * as "upstream", active while the station is at the subscribed stage or above.
 */
final class Upstream {

    private Upstream() {}

    static Condition condition(Sensor station, UpstreamSubscription subscription, Condition stage) {
        Wording own = stage.wording();
        Wording wording =
                new Wording("上流 " + station.name(), "Upstream " + station.name(), own.stateJa(), own.stateEn());
        var facts = Facts.with(
                stage.facts(),
                "upstream-station",
                station.id().value(),
                "downstream",
                subscription.downstream().value(),
                "from-stage",
                Integer.toString(subscription.fromStage().number()));
        return stage.level() >= subscription.fromStage().number()
                ? Condition.active(stage.level(), stage.severity(), wording, facts)
                : Condition.inactive(wording, facts);
    }
}
