package org.kawamori.routing;

import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.kawamori.core.port.HealthIndicator;

/** Up when every Camel route of the context is started. */
public final class RoutesHealth implements HealthIndicator {

    private final CamelContext context;

    public RoutesHealth(CamelContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return "routes";
    }

    @Override
    public Health check() {
        if (!context.getStatus().isStarted()) {
            return Health.down("camel context is " + context.getStatus());
        }
        String states = context.getRoutes().stream()
                .map(r -> r.getRouteId() + "=" + status(r))
                .sorted()
                .collect(Collectors.joining(", "));
        boolean allStarted = !context.getRoutes().isEmpty()
                && context.getRoutes().stream().allMatch(r -> status(r) == ServiceStatus.Started);
        return allStarted ? Health.up(states) : Health.down(states.isEmpty() ? "no routes" : states);
    }

    private ServiceStatus status(Route route) {
        return context.getRouteController().getRouteStatus(route.getRouteId());
    }
}
