package org.kawamori.mapweb;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.access.Account;
import org.kawamori.core.access.Accounts;
import org.kawamori.core.access.FamilyLinks;
import org.kawamori.core.access.Principal;
import org.kawamori.core.access.Sessions;
import org.kawamori.core.alert.Audience.FamilyId;

/**
 * The access ports in memory for map-web's tests (the PostgreSQL adapters are tested in timeseries, and
 * end to end in deploy). It keeps the rules the server relies on: a disabled account's sessions and a
 * revoked link's sessions are no longer found; expired ones neither.
 *
 * <pre>{@code
 * InMemoryAccess access = new InMemoryAccess()
 *         .withOfficer("tanaka", "282103")
 *         .withGuardian("sato", "family-sato", "282103");
 * }</pre>
 * Every account's password is {@link #PASSWORD}.
 */
final class InMemoryAccess implements Accounts, Sessions, FamilyLinks {

    static final String PASSWORD = "correct horse battery";

    private static final SecureRandom RANDOM = new SecureRandom();

    private record Stored(Account account, String password) {}

    private record Session(Principal principal, Optional<Long> link, String csrf, Instant expiresAt) {}

    private record StoredLink(
            long id,
            Principal.FamilyMember member,
            String token,
            Instant expiresAt,
            Instant createdAt,
            String by,
            Optional<Instant> revokedAt) {}

    private final Map<String, Stored> accounts = new ConcurrentHashMap<>();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<Long, StoredLink> links = new ConcurrentHashMap<>();
    private final AtomicLong linkIds = new AtomicLong();

    InMemoryAccess withOfficer(String login, String municipality) {
        return with(Account.officer(login, MunicipalityCode.of(municipality)));
    }

    InMemoryAccess withGuardian(String login, String family, String municipality) {
        return with(Account.guardian(login, new FamilyId(family), MunicipalityCode.of(municipality)));
    }

    InMemoryAccess withAdmin(String login) {
        return with(Account.administrator(login));
    }

    InMemoryAccess with(Account account) {
        accounts.put(account.login(), new Stored(account, PASSWORD));
        return this;
    }

    /** Issues a family link valid for a day and returns its secret. */
    String linkFor(String family, String municipality) {
        Instant now = Instant.now();
        long id = linkIds.incrementAndGet();
        String token = random();
        links.put(
                id,
                new StoredLink(
                        id,
                        new Principal.FamilyMember(
                                "link:" + id, new FamilyId(family), MunicipalityCode.of(municipality)),
                        token,
                        now.plus(Duration.ofDays(1)),
                        now,
                        "test",
                        Optional.empty()));
        return token;
    }

    int openSessions() {
        return sessions.size();
    }

    // --- Accounts

    @Override
    public Optional<Account> authenticate(String login, char[] password) {
        Stored s = accounts.get(login);
        if (s == null || !s.account().enabled() || !s.password().equals(new String(password))) {
            return Optional.empty();
        }
        return Optional.of(s.account());
    }

    @Override
    public void create(Account account, char[] password, String by) {
        if (accounts.putIfAbsent(account.login(), new Stored(account, new String(password))) != null) {
            throw new IllegalArgumentException("the login " + account.login() + " is taken");
        }
    }

    @Override
    public void setPassword(String login, char[] password, String by) {
        Stored s = known(login);
        accounts.put(login, new Stored(s.account(), new String(password)));
    }

    @Override
    public void setEnabled(String login, boolean enabled, String by) {
        Stored s = known(login);
        Account a = s.account();
        accounts.put(
                login,
                new Stored(new Account(a.login(), a.role(), a.municipality(), a.family(), enabled), s.password()));
        if (!enabled) {
            sessions.values().removeIf(session -> session.principal().name().equals(login));
        }
    }

    @Override
    public Optional<Account> find(String login) {
        return Optional.ofNullable(accounts.get(login)).map(Stored::account);
    }

    @Override
    public List<Account> list() {
        return accounts.values().stream().map(Stored::account).toList();
    }

    private Stored known(String login) {
        Stored s = accounts.get(login);
        if (s == null) {
            throw new IllegalArgumentException("no such login");
        }
        return s;
    }

    // --- Sessions

    @Override
    public Sessions.Issued open(Principal principal, Optional<Long> linkId, Duration lifetime, Instant now) {
        String token = random();
        String csrf = random();
        Instant expires = now.plus(lifetime);
        sessions.put(token, new Session(principal, linkId, csrf, expires));
        return new Sessions.Issued(token, csrf, expires);
    }

    @Override
    public Optional<Active> find(String token, Instant now) {
        Session s = sessions.get(token);
        if (s == null || !s.expiresAt().isAfter(now)) {
            return Optional.empty();
        }
        if (s.link().isPresent()) {
            StoredLink link = links.get(s.link().get());
            if (link == null
                    || link.revokedAt().isPresent()
                    || !link.expiresAt().isAfter(now)) {
                return Optional.empty();
            }
        } else {
            Stored account = accounts.get(s.principal().name());
            if (account == null || !account.account().enabled()) {
                return Optional.empty();
            }
            return Optional.of(new Active(account.account().principal(), s.csrf(), s.expiresAt()));
        }
        return Optional.of(new Active(s.principal(), s.csrf(), s.expiresAt()));
    }

    @Override
    public void close(String token) {
        sessions.remove(token);
    }

    @Override
    public int purgeExpired(Instant now) {
        int before = sessions.size();
        sessions.values().removeIf(s -> !s.expiresAt().isAfter(now));
        return before - sessions.size();
    }

    // --- FamilyLinks

    @Override
    public FamilyLinks.Issued issue(FamilyId family, Instant expiresAt, String by, Instant now) {
        long id = linkIds.incrementAndGet();
        String token = random();
        MunicipalityCode municipality = accounts.values().stream()
                .map(Stored::account)
                .filter(a -> a.family().filter(family::equals).isPresent())
                .findFirst()
                .flatMap(Account::municipality)
                .orElseThrow(() -> new IllegalArgumentException("no such family is registered"));
        links.put(
                id,
                new StoredLink(
                        id,
                        new Principal.FamilyMember("link:" + id, family, municipality),
                        token,
                        expiresAt,
                        now,
                        by,
                        Optional.empty()));
        return new FamilyLinks.Issued(id, token, expiresAt);
    }

    @Override
    public Optional<Resolved> resolve(String token, Instant now) {
        return links.values().stream()
                .filter(l -> l.token().equals(token)
                        && l.revokedAt().isEmpty()
                        && l.expiresAt().isAfter(now))
                .findFirst()
                .map(l -> new Resolved(l.id(), l.member()));
    }

    @Override
    public boolean revoke(FamilyId family, long linkId, String by, Instant now) {
        StoredLink l = links.get(linkId);
        if (l == null || !l.member().family().equals(family)) {
            return false;
        }
        links.put(
                linkId,
                new StoredLink(l.id(), l.member(), l.token(), l.expiresAt(), l.createdAt(), l.by(), Optional.of(now)));
        return true;
    }

    @Override
    public List<Link> list(FamilyId family) {
        List<Link> out = new ArrayList<>();
        links.values().stream()
                .filter(l -> l.member().family().equals(family))
                .sorted((a, b) -> Long.compare(b.id(), a.id()))
                .forEach(l -> out.add(new Link(l.id(), l.createdAt(), l.expiresAt(), l.revokedAt(), l.by())));
        return out;
    }

    private static String random() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
