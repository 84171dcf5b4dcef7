package org.kawamori.core.access;

import java.util.Objects;
import java.util.Optional;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.alert.Audience.FamilyId;

/**
 * A stored login of an officer, a guardian or an administrator (its password hash stays in the store).
 * An officer has a municipality; a guardian a family (and the family's municipality); an administrator
 * neither.
 */
public record Account(
        String login, Role role, Optional<MunicipalityCode> municipality, Optional<FamilyId> family, boolean enabled) {

    public Account {
        Logins.check(login);
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(municipality, "municipality");
        Objects.requireNonNull(family, "family");
        if (login.startsWith("link:")) {
            throw new IllegalArgumentException("logins starting with link: are reserved for family links");
        }
        switch (role) {
            case PUBLIC -> throw new IllegalArgumentException("the public has no account");
            case OFFICER -> {
                if (municipality.isEmpty() || family.isPresent()) {
                    throw new IllegalArgumentException("an officer's account names a municipality and no family");
                }
            }
            case FAMILY -> {
                if (municipality.isEmpty() || family.isEmpty()) {
                    throw new IllegalArgumentException("a guardian's account names a family and its municipality");
                }
            }
            case ADMIN -> {
                if (municipality.isPresent() || family.isPresent()) {
                    throw new IllegalArgumentException(
                            "an administrator's account names no municipality and no family");
                }
            }
        }
    }

    public static Account officer(String login, MunicipalityCode municipality) {
        return new Account(login, Role.OFFICER, Optional.of(municipality), Optional.empty(), true);
    }

    public static Account guardian(String login, FamilyId family, MunicipalityCode municipality) {
        return new Account(login, Role.FAMILY, Optional.of(municipality), Optional.of(family), true);
    }

    public static Account administrator(String login) {
        return new Account(login, Role.ADMIN, Optional.empty(), Optional.empty(), true);
    }

    /** Who this account acts as once logged in. */
    public Principal principal() {
        return switch (role) {
            case OFFICER -> new Principal.Officer(login, municipality.orElseThrow());
            case FAMILY -> new Principal.FamilyMember(login, family.orElseThrow(), municipality.orElseThrow());
            case ADMIN -> new Principal.Administrator(login);
            case PUBLIC -> new Principal.Anonymous();
        };
    }
}
