package org.kawamori.alerting.rules;

/**
 * Tell the family when the tag is sighted within {@code distanceMetres} of a gauge at
 * {@code fromStage} or above, or of an inundation sensor that is wet.
 */
public record NearFloodRule(double distanceMetres, Stage fromStage) {

    public static final Setting<Double> DISTANCE = Setting.decimal("near-flood.distance-m", 300);
    public static final Setting<Integer> FROM_STAGE = Setting.integer("near-flood.from-stage", 3);

    public NearFloodRule {
        if (!(distanceMetres > 0) || fromStage == null) {
            throw new IllegalArgumentException("near flood needs a positive distance and a stage");
        }
    }

    public static NearFloodRule of(Settings settings) {
        return new NearFloodRule(settings.get(DISTANCE), Stage.of(settings.get(FROM_STAGE)));
    }
}
