-- V8: logins of the map and the API (issue 6): the accounts of officers, guardians and administrators,
-- the families' revocable links, and the web sessions every instance shares.
-- Shared SQL only (plain PostgreSQL 15+ and TimescaleDB); none of these tables is a hypertable.
-- No secret is stored as it is: passwords as Argon2id PHC strings, link and session tokens as their
-- SHA-256 (the token is random, 32 bytes, so a plain hash suffices).

-- A guardian's account names the family and the family's municipality; the pair is a key of family,
-- so an account can never name a family of another municipality (and follows a family that moves).
alter table family add constraint family_id_municipality unique (id, municipality);

-- account: one login. The checks mirror core's Account: an officer has a municipality and no family,
-- a guardian both, an administrator neither; logins starting with 'link:' are the family links'.
-- password_hash: $argon2id$v=19$m=..,t=..,p=..$<salt>$<hash>, its parameters read back on verify.
create table account (
    login         text        primary key check (login !~ '^link:'),
    role          text        not null check (role in ('family', 'officer', 'admin')),
    municipality  char(6)     constraint account_municipality_known references municipality (code),
    family_id     text        constraint account_family_known references family (id) on delete cascade,
    password_hash text        not null,
    enabled       boolean     not null default true,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now(),
    constraint account_family_in_municipality foreign key (family_id, municipality) references family (id, municipality)
        on update cascade on delete cascade,
    check (role <> 'officer' or (municipality is not null and family_id is null)),
    check (role <> 'family' or (municipality is not null and family_id is not null)),
    check (role <> 'admin' or (municipality is null and family_id is null))
);

create index account_family on account (family_id);

-- family_link: a secret link that opens a family session without a password. token_hash is the
-- SHA-256 of the token (shown once, never stored). Revoking sets revoked_at; the row stays for the
-- family's list and the audit, and its sessions end.
create table family_link (
    id         bigserial   primary key,
    family_id  text        not null references family (id) on delete cascade,
    token_hash bytea       not null unique,
    created_at timestamptz not null default now(),
    expires_at timestamptz not null,
    revoked_at timestamptz,
    created_by text        not null,
    check (expires_at > created_at)
);

create index family_link_family on family_link (family_id, id);

-- web_session: a login session. token_hash is the SHA-256 of the cookie's random token (the token is
-- never stored). login, role, municipality and family are what the session was opened as: a session
-- of an account is valid only while the account is enabled and still has them; a session of a link
-- (link_id not null, login 'link:<id>') only while the link is neither revoked nor expired.
-- csrf_token: the session's token for unsafe methods (worthless without the cookie).
create table web_session (
    token_hash   bytea       primary key,
    login        text        not null,
    role         text        not null check (role in ('family', 'officer', 'admin')),
    municipality char(6)     references municipality (code),
    family_id    text        references family (id) on delete cascade,
    link_id      bigint      references family_link (id) on delete cascade,
    csrf_token   text        not null,
    created_at   timestamptz not null default now(),
    expires_at   timestamptz not null,
    check (link_id is null or (role = 'family' and family_id is not null))
);

-- For the purge of expired sessions, and for ending an account's sessions (disable, new password).
create index web_session_expires_at on web_session (expires_at);
create index web_session_login on web_session (login);
create index web_session_link on web_session (link_id);
