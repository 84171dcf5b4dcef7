package org.kawamori.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.kawamori.core.Municipalities;
import org.kawamori.core.port.GatewayRegistry;
import org.kawamori.core.port.SensorRegistry;
import org.kawamori.core.port.TagDirectory;
import org.kawamori.simulators.SimulatedGauge;
import org.kawamori.timeseries.CachedGatewayRegistry;
import org.kawamori.timeseries.CachedSensorRegistry;
import org.kawamori.timeseries.CachedTagDirectory;
import org.kawamori.timeseries.DatabaseConfig;
import org.kawamori.timeseries.PostgresDevicePsks;
import org.kawamori.timeseries.PostgresGatewayRegistry;
import org.kawamori.timeseries.PostgresSensorRegistry;
import org.kawamori.timeseries.RegistryChanges;
import org.kawamori.timeseries.TagRegistry;

/**
 * The device registries the app runs on: the tables (credentials, listings, registration) and the
 * cached views the ingest and alert paths look devices and tags up in, emptied on every committed
 * registry change ({@link RegistryChanges}).
 */
record Registries(
        PostgresSensorRegistry sensors,
        PostgresGatewayRegistry gateways,
        TagRegistry tags,
        RegistryChanges changes,
        SensorRegistry cachedSensors,
        GatewayRegistry cachedGateways,
        TagDirectory cachedTags)
        implements AutoCloseable {

    static Registries open(DataSource dataSource, DatabaseConfig config) {
        PostgresSensorRegistry sensors = new PostgresSensorRegistry(dataSource);
        PostgresGatewayRegistry gateways = new PostgresGatewayRegistry(dataSource);
        TagRegistry tags = new TagRegistry(dataSource);
        RegistryChanges changes = RegistryChanges.start(config);
        return new Registries(
                sensors,
                gateways,
                tags,
                changes,
                new CachedSensorRegistry(sensors, changes),
                new CachedGatewayRegistry(gateways, changes),
                new CachedTagDirectory(tags, changes));
    }

    /** Registers the demo's gauge, camera and tag (when {@code demoDevices}) and the simulated gauges. */
    void registerDemo(boolean demoDevices, List<SimulatedGauge> simulated, Optional<PostgresDevicePsks> psks) {
        List<Runnable> registrations = new ArrayList<>();
        if (demoDevices) {
            registrations.add(() -> {
                sensors.register(DemoDevices.demoGauge(), DemoDevices.demoSecret());
                psks.ifPresent(p -> p.store(DemoDevices.demoGauge().id(), DemoDevices.demoDtlsKey()));
            });
            registrations.add(() -> gateways.register(
                    DemoDevices.demoCamera(), DemoDevices.DEMO_CAMERA_NAME, DemoDevices.demoSecret()));
            registrations.add(() -> tags.register(DemoDevices.demoTag(), Municipalities.KAKOGAWA, null, true));
        }
        for (SimulatedGauge gauge : simulated) {
            registrations.add(() ->
                    sensors.register(gauge.sensor(), Optional.of(gauge.secret().toCharArray())));
        }
        // hashing secrets is deliberately slow: use both cores
        registrations.parallelStream().forEach(Runnable::run);
    }

    @Override
    public void close() {
        changes.close();
    }
}
