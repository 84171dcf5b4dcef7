package org.kawamori.core.port;

/** One part of the system that can be up or down (broker, database, routes). */
public interface HealthIndicator {

    String name();

    Health check();

    /** The state of one part, with a short detail for operators (no secrets). */
    record Health(boolean up, String detail) {
        public static Health up(String detail) {
            return new Health(true, detail);
        }

        public static Health down(String detail) {
            return new Health(false, detail);
        }
    }
}
