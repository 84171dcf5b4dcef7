package org.kawamori.mapweb;

import java.util.function.Supplier;
import org.kawamori.core.port.HealthIndicator;

/** A health indicator answering what the test says. */
record FixedHealth(String name, Supplier<Health> answer) implements HealthIndicator {

    static FixedHealth up(String name, String detail) {
        return new FixedHealth(name, () -> Health.up(detail));
    }

    static FixedHealth down(String name, String detail) {
        return new FixedHealth(name, () -> Health.down(detail));
    }

    @Override
    public Health check() {
        return answer.get();
    }
}
