package org.kawamori.core.alert;

import java.time.Instant;
import java.util.Objects;
import org.kawamori.core.MunicipalityCode;

/**
 * The audit log of officers' reads of a tag's sightings during a declared search (lost mode). The
 * read is refused when the entry cannot be written: no read without its audit entry.
 */
public interface SearchAudit {

    void officerRead(OfficerRead read);

    /**
     * One read: which search (the lost-mode alert's id), by whom, of which municipality, when, and how
     * many sightings were shown. Holds no position and no tag id.
     */
    record OfficerRead(long searchId, MunicipalityCode municipality, String officer, Instant at, int sightings) {
        public OfficerRead {
            Objects.requireNonNull(municipality, "municipality");
            Objects.requireNonNull(officer, "officer");
            Objects.requireNonNull(at, "at");
        }
    }
}
