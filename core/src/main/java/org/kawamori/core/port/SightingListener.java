package org.kawamori.core.port;

import org.kawamori.core.TagSighting;

/** Told of each folded tag sighting once its window has closed (family notices, the officers' map). */
public interface SightingListener {

    void onSighting(TagSighting sighting);
}
