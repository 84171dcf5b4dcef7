package org.kawamori.simulators.basin;

/**
 * How a basin sensor reports, as the real ones do (and as the alert engine's {@code reporting.mode}
 * expects them, so 欠測 is judged right):
 *
 * <ul>
 *   <li>{@link #PERIODIC}: a telemetered gauge, every 10 minutes.
 *   <li>{@link #CRISIS}: a 危機管理型水位計, once a day while the river is calm, every 10 minutes from its
 *       observation-start level up.
 *   <li>{@link #ON_EVENT}: a one-coin inundation sensor, every 5 minutes while wet, once when it is dry
 *       again, and a daily health check (depth 0 and battery).
 * </ul>
 */
public enum Reporting {
    PERIODIC("periodic"),
    CRISIS("crisis-gauge"),
    ON_EVENT("on-event");

    private final String setting;

    Reporting(String setting) {
        this.setting = setting;
    }

    /** The value of the alert setting {@code reporting.mode}. */
    public String setting() {
        return setting;
    }
}
