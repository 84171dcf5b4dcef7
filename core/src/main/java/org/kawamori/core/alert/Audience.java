package org.kawamori.core.alert;

import java.util.Objects;
import java.util.regex.Pattern;
import org.kawamori.core.MunicipalityCode;

/**
 * Who a notice is for. Flood notices go to a municipality's officers (and, for public stages, the
 * public map); tag notices go to the one family that owns the tag, and to officers only while a
 * search for that tag is declared.
 */
public sealed interface Audience {

    /** The disaster officers (防災担当) of one municipality. */
    record Officers(MunicipalityCode municipality) implements Audience {
        public Officers {
            Objects.requireNonNull(municipality, "municipality");
        }
    }

    /** One family: personal data may be in the notice, and it must reach nobody else. */
    record Family(FamilyId family, MunicipalityCode municipality) implements Audience {
        public Family {
            Objects.requireNonNull(family, "family");
            Objects.requireNonNull(municipality, "municipality");
        }
    }

    /** Everyone: the public flood map. Never carries personal data. */
    record Public() implements Audience {}

    /** The id of a family account (one or more guardians and their tags). Opaque, safe in topics. */
    record FamilyId(String value) {
        private static final Pattern FORM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

        public FamilyId {
            Objects.requireNonNull(value, "family id");
            if (!FORM.matcher(value).matches()) {
                throw new IllegalArgumentException("family id must match " + FORM.pattern());
            }
        }

        @Override
        public String toString() {
            return value;
        }
    }
}
