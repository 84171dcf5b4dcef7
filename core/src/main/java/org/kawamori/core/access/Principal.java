package org.kawamori.core.access;

import java.util.Objects;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.alert.Audience.FamilyId;

/**
 * Who is asking: the four roles of the map and the API. The server decides every read of personal data
 * from this (see {@link TagAccess}), never the page.
 *
 * <ul>
 *   <li>{@link Anonymous}: a resident on the public map. Flood data only, no personal data at all.
 *   <li>{@link FamilyMember}: a guardian, logged in or through the family's revocable link. Their own
 *       family's tags, trails, watch rules and lost mode, nothing of anyone else.
 *   <li>{@link Officer}: a disaster officer (防災担当) of one municipality. The whole basin's flood data,
 *       the alerts of their municipality, and a tag's trail only during a declared search of a tag of
 *       their municipality (audited).
 *   <li>{@link Administrator}: the registry, the alert settings and the accounts; no tag trails.
 * </ul>
 */
public sealed interface Principal {

    /** The login written to audit entries and logs (never a secret, never a family's name). */
    String name();

    Role role();

    /** The public: nobody logged in. */
    record Anonymous() implements Principal {
        @Override
        public String name() {
            return "public";
        }

        @Override
        public Role role() {
            return Role.PUBLIC;
        }
    }

    /**
     * A guardian of one family.
     *
     * @param login the account's login, or {@code link:<id>} for a session opened through a family link
     */
    record FamilyMember(String login, FamilyId family, MunicipalityCode municipality) implements Principal {
        public FamilyMember {
            Logins.check(login);
            Objects.requireNonNull(family, "family");
            Objects.requireNonNull(municipality, "municipality");
        }

        @Override
        public String name() {
            return login;
        }

        @Override
        public Role role() {
            return Role.FAMILY;
        }
    }

    /** A disaster officer of one municipality. */
    record Officer(String login, MunicipalityCode municipality) implements Principal {
        public Officer {
            Logins.check(login);
            Objects.requireNonNull(municipality, "municipality");
        }

        @Override
        public String name() {
            return login;
        }

        @Override
        public Role role() {
            return Role.OFFICER;
        }
    }

    /** An administrator of the shared system (all municipalities' registry and settings). */
    record Administrator(String login) implements Principal {
        public Administrator {
            Logins.check(login);
        }

        @Override
        public String name() {
            return login;
        }

        @Override
        public Role role() {
            return Role.ADMIN;
        }
    }
}
