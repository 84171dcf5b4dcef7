package org.kawamori.mapweb;

import java.util.List;
import org.kawamori.core.fixtures.InMemorySensorRegistry;

/** A map-web server with every optional part on (in-memory ports), for tests about the whole API. */
final class FullyEquipped {

    private FullyEquipped() {}

    static MapWebServer server() {
        InMemorySensorRegistry registry = new InMemorySensorRegistry();
        InMemoryAlerts alerts = new InMemoryAlerts();
        InMemoryAccess access = new InMemoryAccess();
        return new MapWebServer(WebConfig.onPort(0), registry, new InMemoryReadingQueries(registry), List.of())
                .withAlerts(alerts, alerts, TestAuth.AUTH)
                .withAlertSettings(new InMemoryAlertRules(), TestAuth.AUTH)
                .withAdmin(new EmptyRegistryAdmin(), TestAuth.AUTH)
                .withMetrics(new org.kawamori.core.port.MetricsExposition() {
                    @Override
                    public String scrape() {
                        return "";
                    }

                    @Override
                    public String contentType() {
                        return "text/plain";
                    }
                })
                .withLogins(access, access, access, AccessConfig.defaults())
                .withFamily(new InMemoryFamilyTags(), new InMemoryFamilyWatch(new InMemoryFamilyTags()), access)
                .withOfficers(new InMemorySearches(), alerts);
    }
}

/** A registry with nothing in it (the admin API's own tests use PostgreSQL through deploy). */
final class EmptyRegistryAdmin implements org.kawamori.core.port.RegistryAdmin {
    @Override
    public List<SensorRow> sensors() {
        return List.of();
    }

    @Override
    public List<GatewayRow> gateways() {
        return List.of();
    }

    @Override
    public java.util.Map<org.kawamori.core.MunicipalityCode, Integer> tagCounts() {
        return java.util.Map.of();
    }

    @Override
    public List<TagRow> tags(org.kawamori.core.MunicipalityCode municipality, Access access) {
        return List.of();
    }

    @Override
    public Stored register(List<org.kawamori.core.registry.RegistryEntry> entries) {
        return new Stored(0, 0, 0, 0);
    }

    @Override
    public void setEnabled(org.kawamori.core.registry.EntryType type, String id, boolean enabled) {
        throw new java.util.NoSuchElementException(id);
    }

    @Override
    public boolean psksAvailable() {
        return false;
    }

    @Override
    public void setPsk(org.kawamori.core.registry.EntryType type, org.kawamori.core.DeviceId id, byte[] key) {
        throw new java.util.NoSuchElementException(id.value());
    }

    @Override
    public boolean removePsk(org.kawamori.core.registry.EntryType type, org.kawamori.core.DeviceId id) {
        return false;
    }
}
