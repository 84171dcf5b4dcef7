package org.kawamori.timeseries;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.kawamori.core.DeviceId;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.TagId;
import org.kawamori.core.port.RegistryAdmin;
import org.kawamori.core.registry.EntryType;
import org.kawamori.core.registry.RegistryEntry;
import org.kawamori.core.security.PasswordHash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Core's {@link RegistryAdmin} on PostgreSQL: the sensor, gateway and tag registries, the sealed DTLS
 * keys and the {@code audit_log}. An import is one transaction; listing the tags of a municipality
 * writes its audit row in the same transaction as the read. Logs name devices, never secrets or tag
 * ids.
 */
public final class PostgresRegistryAdmin implements RegistryAdmin {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresRegistryAdmin.class);

    static final String ACTION_LIST_TAGS = "list-tags";

    private static final String SENSORS = "select " + DeviceRows.COLUMNS
            + ", d.mqtt_password_hash is not null as has_secret,"
            + " exists (select 1 from device_psk p where p.device_id = d.id) as has_psk"
            + " from device d order by d.id";

    private static final String GATEWAYS = "select g.id, g.municipality, g.kind, g.name, g.lat, g.lon, g.enabled,"
            + " g.secret_hash is not null as has_secret,"
            + " exists (select 1 from gateway_psk p where p.gateway_id = g.id) as has_psk"
            + " from gateway g order by g.id";

    private static final String TAGS_OF =
            "select id, municipality, nickname, enabled from tag where municipality = ? order by id";

    private final DataSource dataSource;
    private final PostgresSensorRegistry sensors;
    private final PostgresGatewayRegistry gateways;
    private final TagRegistry tags;
    private final Optional<PostgresDevicePsks> psks;
    private final Consumer<String> changed;

    /** @param sealer seals DTLS keys; without one, keys can be removed but not stored */
    public PostgresRegistryAdmin(DataSource dataSource, Optional<PskSealer> sealer) {
        this(dataSource, sealer, PasswordHash.DEFAULT_ITERATIONS);
    }

    /** With {@code hashIterations} PBKDF2 iterations for new secrets (tests, small machines). */
    public PostgresRegistryAdmin(DataSource dataSource, Optional<PskSealer> sealer, int hashIterations) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.sensors = new PostgresSensorRegistry(dataSource, hashIterations);
        this.gateways = new PostgresGatewayRegistry(dataSource, hashIterations);
        this.tags = new TagRegistry(dataSource);
        this.psks = sealer.map(s -> new PostgresDevicePsks(dataSource, s));
        this.changed = table -> {};
    }

    private PostgresRegistryAdmin(PostgresRegistryAdmin admin, Consumer<String> changed) {
        this.dataSource = admin.dataSource;
        this.sensors = admin.sensors;
        this.gateways = admin.gateways;
        this.tags = admin.tags;
        this.psks = admin.psks;
        this.changed = changed;
    }

    /**
     * The same admin, telling {@code changes} of every committed change at once, so that this
     * instance's cached lookups never wait for the database's notification.
     */
    public PostgresRegistryAdmin announcingTo(RegistryChanges changes) {
        Objects.requireNonNull(changes, "changes");
        return new PostgresRegistryAdmin(this, changes::changed);
    }

    @Override
    public List<SensorRow> sensors() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement query = c.prepareStatement(SENSORS);
                ResultSet rows = query.executeQuery()) {
            List<SensorRow> found = new ArrayList<>();
            while (rows.next()) {
                found.add(new SensorRow(
                        DeviceRows.sensor(rows), rows.getBoolean("has_secret"), rows.getBoolean("has_psk")));
            }
            return found;
        } catch (SQLException e) {
            throw Failures.unavailable("cannot list sensors", e);
        }
    }

    @Override
    public List<GatewayRow> gateways() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement query = c.prepareStatement(GATEWAYS);
                ResultSet rows = query.executeQuery()) {
            List<GatewayRow> found = new ArrayList<>();
            while (rows.next()) {
                found.add(new GatewayRow(
                        PostgresGatewayRegistry.gateway(rows),
                        Optional.ofNullable(rows.getString("name")),
                        rows.getBoolean("has_secret"),
                        rows.getBoolean("has_psk")));
            }
            return found;
        } catch (SQLException e) {
            throw Failures.unavailable("cannot list gateways", e);
        }
    }

    @Override
    public Map<MunicipalityCode, Integer> tagCounts() {
        return tags.countsByMunicipality();
    }

    @Override
    public List<TagRow> tags(MunicipalityCode municipality, Access access) {
        Objects.requireNonNull(municipality, "municipality");
        Objects.requireNonNull(access, "access");
        try {
            List<TagRow> found = Transactions.inTransaction(dataSource, c -> {
                List<TagRow> rows = new ArrayList<>();
                try (PreparedStatement query = c.prepareStatement(TAGS_OF)) {
                    query.setString(1, municipality.value());
                    try (ResultSet result = query.executeQuery()) {
                        while (result.next()) {
                            rows.add(new TagRow(
                                    new TagId(result.getString("id")),
                                    MunicipalityCode.of(result.getString("municipality")),
                                    Optional.ofNullable(result.getString("nickname")),
                                    result.getBoolean("enabled")));
                        }
                    }
                }
                AuditLog.write(
                        c,
                        new AuditLog.Entry(
                                null,
                                access.actor(),
                                ACTION_LIST_TAGS,
                                municipality,
                                access.purpose().orElse(null),
                                access.origin().orElse(null),
                                rows.size() + " tag(s)"));
                return rows;
            });
            LOG.info(
                    "{} listed the {} tag(s) of {} (audit log: {})",
                    access.actor(),
                    found.size(),
                    municipality.value(),
                    ACTION_LIST_TAGS);
            return found;
        } catch (SQLException e) {
            throw Failures.unavailable("cannot list the tags of " + municipality.value(), e);
        }
    }

    @Override
    public Stored register(List<RegistryEntry> entries) {
        Objects.requireNonNull(entries, "entries");
        // hashing is deliberately slow: all cores, and before a connection is taken
        Map<RegistryEntry, String> hashes = new IdentityHashMap<>();
        entries.parallelStream()
                .map(entry -> Map.entry(entry, secretOf(entry).map(this::hash)))
                .toList()
                .forEach(e -> e.getValue().ifPresent(hash -> hashes.put(e.getKey(), hash)));
        int sensorCount = 0;
        int gatewayCount = 0;
        int tagCount = 0;
        int created = 0;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            RegistryEntry current = null;
            try {
                for (RegistryEntry entry : entries) {
                    current = entry;
                    boolean isNew;
                    if (entry instanceof RegistryEntry.SensorEntry s) {
                        isNew = PostgresSensorRegistry.upsert(c, s.sensor(), hashes.get(entry));
                        sensorCount++;
                    } else if (entry instanceof RegistryEntry.GatewayEntry g) {
                        isNew = PostgresGatewayRegistry.upsert(c, g.gateway(), g.name(), hashes.get(entry));
                        gatewayCount++;
                    } else {
                        RegistryEntry.TagEntry t = (RegistryEntry.TagEntry) entry;
                        isNew = TagRegistry.upsert(c, t.tag(), t.municipality(), t.nickname(), true);
                        tagCount++;
                    }
                    created += isNew ? 1 : 0;
                }
                current = null;
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw current == null ? Failures.unavailable("cannot commit the registration", e) : refusal(current, e);
            } catch (RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw Failures.unavailable("cannot register", e);
        }
        Stored stored = new Stored(sensorCount, gatewayCount, tagCount, created);
        announce(sensorCount, "device");
        announce(gatewayCount, "gateway");
        announce(tagCount, "tag");
        for (RegistryEntry entry : entries) {
            if (entry instanceof RegistryEntry.SensorEntry s) {
                PostgresSensorRegistry.logRegistered(s.sensor(), hashes.containsKey(entry));
            } else if (entry instanceof RegistryEntry.GatewayEntry g) {
                PostgresGatewayRegistry.logRegistered(g.gateway(), hashes.containsKey(entry));
            }
        }
        LOG.info(
                "registered {} sensor(s), {} gateway(s), {} tag(s) in one transaction ({} new)",
                sensorCount,
                gatewayCount,
                tagCount,
                created);
        return stored;
    }

    /** The failure of one entry; a refusal names the entry's line of the import, if it came from one. */
    private static RuntimeException refusal(RegistryEntry entry, SQLException e) {
        RuntimeException failure;
        if (entry instanceof RegistryEntry.SensorEntry s) {
            failure = PostgresSensorRegistry.registerFailure(s.sensor(), e);
        } else if (entry instanceof RegistryEntry.GatewayEntry g) {
            failure = PostgresGatewayRegistry.registerFailure(g.gateway(), e);
        } else {
            failure = TagRegistry.registerFailure(((RegistryEntry.TagEntry) entry).municipality(), e);
        }
        if (failure instanceof IllegalArgumentException && entry.line() > 0) {
            return new IllegalArgumentException(
                    "line " + entry.line() + ": " + failure.getMessage(), failure.getCause());
        }
        return failure;
    }

    private static Optional<char[]> secretOf(RegistryEntry entry) {
        if (entry instanceof RegistryEntry.SensorEntry s) {
            return s.secret();
        }
        if (entry instanceof RegistryEntry.GatewayEntry g) {
            return g.secret();
        }
        return Optional.empty();
    }

    private String hash(char[] secret) {
        return sensors.hash(secret);
    }

    @Override
    public void setEnabled(EntryType type, String id, boolean enabled) {
        Objects.requireNonNull(type, "type");
        try {
            switch (type) {
                case SENSOR -> sensors.setEnabled(deviceId(type, id), enabled);
                case GATEWAY -> gateways.setEnabled(deviceId(type, id), enabled);
                case TAG -> tags.setEnabled(tagId(id), enabled);
            }
        } catch (IllegalArgumentException e) {
            throw new NoSuchElementException(e.getMessage());
        }
        changed.accept(
                switch (type) {
                    case SENSOR -> "device";
                    case GATEWAY -> "gateway";
                    case TAG -> "tag";
                });
        if (type == EntryType.TAG) {
            LOG.info("a tag was {}", enabled ? "enabled" : "disabled");
        }
    }

    private void announce(int count, String table) {
        if (count > 0) {
            changed.accept(table);
        }
    }

    @Override
    public boolean psksAvailable() {
        return psks.isPresent();
    }

    @Override
    public void setPsk(EntryType type, DeviceId id, byte[] key) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(key, "key");
        PostgresDevicePsks.Holder holder = holder(type);
        if (psks.isEmpty()) {
            throw new IllegalStateException(
                    "DTLS keys cannot be stored: no master key is configured (KAWAMORI_PSK_MASTER_KEY)");
        }
        if (key.length < 8 || key.length > 64) {
            throw new IllegalArgumentException("a DTLS key has 8 to 64 bytes");
        }
        try {
            if (holder == PostgresDevicePsks.Holder.SENSOR) {
                psks.get().store(id, key);
            } else {
                psks.get().storeForGateway(id, key);
            }
        } catch (IllegalArgumentException e) {
            throw new NoSuchElementException("no " + type.label() + " " + id + " is registered");
        }
    }

    @Override
    public boolean removePsk(EntryType type, DeviceId id) {
        return PostgresDevicePsks.remove(dataSource, holder(type), id);
    }

    private static PostgresDevicePsks.Holder holder(EntryType type) {
        return switch (Objects.requireNonNull(type, "type")) {
            case SENSOR -> PostgresDevicePsks.Holder.SENSOR;
            case GATEWAY -> PostgresDevicePsks.Holder.GATEWAY;
            case TAG -> throw new IllegalArgumentException("a tag has no DTLS key");
        };
    }

    private static DeviceId deviceId(EntryType type, String id) {
        if (!DeviceId.isValid(id)) {
            throw new IllegalArgumentException("no " + type.label() + " " + id + " is registered");
        }
        return DeviceId.of(id);
    }

    private static TagId tagId(String id) {
        try {
            return new TagId(id);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("no such tag is registered");
        }
    }

    @Override
    public String toString() {
        return "PostgresRegistryAdmin[dtls keys " + (psks.isPresent() ? "on" : "off") + "]";
    }
}
