package org.kawamori.core.port;

import java.util.Collection;
import java.util.Map;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.TagId;

/**
 * Which municipality each registered, enabled tag belongs to. Detections of tags that are not in the
 * directory (any other BLE beacon a gateway hears) are not stored.
 */
public interface TagDirectory {

    /** The municipalities of those of the tags that are registered and enabled; the others are absent. */
    Map<TagId, MunicipalityCode> municipalitiesOf(Collection<TagId> tags);
}
