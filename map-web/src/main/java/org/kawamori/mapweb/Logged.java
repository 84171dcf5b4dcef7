package org.kawamori.mapweb;

import org.kawamori.core.access.Principal;

/**
 * How a caller is named in logs: staff (officers, administrators) by login, for the operators'
 * trail; a guardian only as a guardian, or by the link's number, since a guardian's login may name the
 * family and families are personal data.
 */
final class Logged {

    private Logged() {}

    static String who(Principal p) {
        if (p instanceof Principal.FamilyMember f) {
            return f.login().startsWith("link:") ? "a family link (" + f.login() + ")" : "a guardian";
        }
        if (p instanceof Principal.Anonymous) {
            return "the public";
        }
        return p.role().wire() + " " + p.name();
    }
}
