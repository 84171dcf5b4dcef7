package org.kawamori.deploy;

import java.util.concurrent.atomic.AtomicBoolean;
import org.kawamori.core.port.HealthIndicator;

/** Readiness of an instance that is stopping: DOWN from the first moment of its shutdown. */
final class Stopping implements HealthIndicator {

    private final AtomicBoolean stopping = new AtomicBoolean();

    /** Marks the instance as stopping; true the first time. */
    boolean begin() {
        return stopping.compareAndSet(false, true);
    }

    @Override
    public String name() {
        return "lifecycle";
    }

    @Override
    public Health check() {
        return stopping.get() ? Health.down("stopping") : Health.up("running");
    }
}
