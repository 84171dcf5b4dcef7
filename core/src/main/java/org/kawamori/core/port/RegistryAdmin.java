package org.kawamori.core.port;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import org.kawamori.core.DeviceId;
import org.kawamori.core.Gateway;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.Sensor;
import org.kawamori.core.TagId;
import org.kawamori.core.registry.EntryType;
import org.kawamori.core.registry.RegistryEntry;

/**
 * Managing the registry: what an administrator lists, adds, imports, enables, disables and keys. Rows
 * never carry a secret (only whether one is set); tag ids are personal data, so they are counted, and
 * listed for one municipality only through {@link #tags}, which writes the access to the audit log.
 *
 * <p>Every method may block (database) and throws {@link StoreUnavailableException} when the store
 * cannot answer.
 */
public interface RegistryAdmin {

    /** A registered sensor and whether it can log in (MQTT password) and speak DTLS (a key). */
    record SensorRow(Sensor sensor, boolean hasSecret, boolean hasPsk) {
        public SensorRow {
            Objects.requireNonNull(sensor, "sensor");
        }
    }

    /** A registered gateway, its name (or empty), whether it has a secret (MQTT, HTTPS token) and a DTLS key. */
    record GatewayRow(Gateway gateway, Optional<String> name, boolean hasSecret, boolean hasPsk) {
        public GatewayRow {
            Objects.requireNonNull(gateway, "gateway");
            Objects.requireNonNull(name, "name");
        }
    }

    /** A registered tag: personal data, never printed. */
    record TagRow(TagId tag, MunicipalityCode municipality, Optional<String> nickname, boolean enabled) {
        public TagRow {
            Objects.requireNonNull(tag, "tag");
            Objects.requireNonNull(municipality, "municipality");
            Objects.requireNonNull(nickname, "nickname");
        }

        @Override
        public String toString() {
            return "TagRow[" + municipality.value() + (enabled ? ", enabled]" : ", disabled]");
        }
    }

    /**
     * Who reads personal data and why, for the audit log.
     *
     * @param actor the authenticated caller (e.g. {@code admin-token}, later a user)
     * @param purpose why, as the caller declared it (may be empty)
     * @param origin where the request came from (e.g. the client address), or empty
     */
    record Access(String actor, Optional<String> purpose, Optional<String> origin) {
        public Access {
            if (actor == null || actor.isBlank()) {
                throw new IllegalArgumentException("an access needs an actor");
            }
            Objects.requireNonNull(purpose, "purpose");
            Objects.requireNonNull(origin, "origin");
        }
    }

    /** What an import or an add stored: entries by type, and how many of them were new. */
    record Stored(int sensors, int gateways, int tags, int created) {
        public int total() {
            return sensors + gateways + tags;
        }
    }

    /** Every sensor, enabled or not, by id. */
    List<SensorRow> sensors();

    /** Every gateway, enabled or not, by id. */
    List<GatewayRow> gateways();

    /** How many tags (enabled or not) each municipality has; municipalities without tags are absent. */
    Map<MunicipalityCode, Integer> tagCounts();

    /**
     * The tags of one municipality, by id. The access is written to the audit log first, in the same
     * transaction: no audit row, no tags.
     */
    List<TagRow> tags(MunicipalityCode municipality, Access access);

    /**
     * Registers the entries (or replaces what is registered under their ids; a secret that is not given
     * keeps the stored one) in one transaction: all of them or, on any failure, none. Secrets are
     * hashed first; the caller may wipe them afterwards.
     *
     * @throws IllegalArgumentException when the database refuses an entry (nothing is stored)
     */
    Stored register(List<RegistryEntry> entries);

    /**
     * Enables or disables a sensor, gateway or tag. A disabled device cannot log in and its messages
     * are refused; a disabled tag's detections are no longer stored.
     *
     * @throws NoSuchElementException when nothing of that type has this id
     */
    void setEnabled(EntryType type, String id, boolean enabled);

    /** Whether DTLS keys can be stored (a master key to seal them with is configured). */
    boolean psksAvailable();

    /**
     * Stores (or replaces) the DTLS pre-shared key of a sensor or gateway, sealed; the caller may wipe
     * {@code key} afterwards.
     *
     * @throws IllegalStateException when no master key is configured ({@link #psksAvailable()})
     * @throws NoSuchElementException when no sensor or gateway of that type has this id
     * @throws IllegalArgumentException for a tag, or a key that is not 8..64 bytes
     */
    void setPsk(EntryType type, DeviceId id, byte[] key);

    /**
     * Removes the DTLS key of a sensor or gateway; its handshakes fail from now on.
     *
     * @return false when it had none
     */
    boolean removePsk(EntryType type, DeviceId id);
}
