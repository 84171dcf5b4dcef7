-- V6: what the alert engine keeps between evaluations, the history of every transition, the outbox of
-- notices, the notices channels gave up on, the alert rules as data, and families.
-- Shared SQL only (plain PostgreSQL 15+ and TimescaleDB); none of these tables is a hypertable.

-- Families: one or more guardians and their tags (logins come with issue 6). The id is the FamilyId form.
create table family (
    id           text        primary key,
    municipality char(6)     not null references municipality (code),
    display_name text,
    created_at   timestamptz not null default now()
);

alter table tag add column family_id text references family (id) on delete set null;

create index tag_family on tag (family_id);

-- The alert row as it is after its latest transition (V2 made the table; the partial unique index
-- alert_one_active stays: a second active alert per subject and rule is refused).
-- level: the rule's level (river stage, depth step; 1 for on/off rules); sequence: how many
-- transitions it has had; last_notice_at: when its audiences were last told (reminders count from it);
-- detail (V2): the facts of the latest transition and the engine's keys starting with '_'.
alter table alert add column level integer not null default 1;
alter table alert add column sequence integer not null default 1 check (sequence >= 1);
alter table alert add column last_notice_at timestamptz;
update alert set last_notice_at = changed_at, detail = coalesce(detail, '{}');
alter table alert alter column last_notice_at set not null;
alter table alert alter column last_notice_at set default now();
alter table alert alter column detail set default '{}';
alter table alert alter column detail set not null;

-- The active alerts of one municipality (or all), the most recently changed first.
create index alert_active_changed on alert (municipality, changed_at, id) where state <> 'CLEARED';
-- Alerts changed within a time range, keyset-paginated on (changed_at, id): all, or of one municipality.
create index alert_changed on alert (changed_at, id);
create index alert_municipality_changed on alert (municipality, changed_at, id);

-- Every transition of every alert, numbered without gaps from 1. facts: what its notices said (the
-- public facts of the alert's detail, no engine keys).
create table alert_history (
    alert_id   bigint      not null references alert (id) on delete cascade,
    sequence   integer     not null check (sequence >= 1),
    transition text        not null
        check (transition in ('OPENED', 'ESCALATED', 'DEESCALATED', 'REMINDER', 'ACKNOWLEDGED', 'CLEARED')),
    severity   text        not null check (severity in ('INFO', 'WARNING', 'CRITICAL')),
    state      text        not null check (state in ('OPEN', 'ACKNOWLEDGED', 'CLEARED')),
    level      integer     not null,
    at         timestamptz not null,
    facts      jsonb       not null,
    primary key (alert_id, sequence)
);

-- The notices to deliver, written in the transaction of their transition. The officers' and the public
-- map's notices of one transition share their key, so a notice is one (key, audience). The relay
-- publishes unpublished rows in id order and marks them; a family's notice holds its personal data.
create table notice_outbox (
    id                    bigserial   not null unique,
    key                   text        not null,
    audience_kind         text        not null check (audience_kind in ('OFFICERS', 'FAMILY', 'PUBLIC')),
    audience_municipality char(6)     references municipality (code),
    audience_family       text,
    audience              text        generated always as (audience_kind
        || coalesce(':' || audience_municipality, '') || coalesce(':' || audience_family, '')) stored,
    alert_id              bigint      not null references alert (id) on delete cascade,
    transition            text        not null
        check (transition in ('OPENED', 'ESCALATED', 'DEESCALATED', 'REMINDER', 'ACKNOWLEDGED', 'CLEARED')),
    severity              text        not null check (severity in ('INFO', 'WARNING', 'CRITICAL')),
    rule                  text        not null,
    at                    timestamptz not null,
    title_ja              text        not null,
    title_en              text        not null,
    facts                 jsonb       not null,
    created_at            timestamptz not null default now(),
    published_at          timestamptz,
    primary key (key, audience),
    check ((audience_kind = 'PUBLIC') = (audience_municipality is null)),
    check ((audience_kind = 'FAMILY') = (audience_family is not null))
);

create index notice_outbox_unpublished on notice_outbox (id) where published_at is null;
create index notice_outbox_published_at on notice_outbox (published_at) where published_at is not null;

-- Notices a channel gave up on, for operators (no titles, no facts, no family). Purged like dead_letter.
create table notice_dead_letter (
    id          bigserial   primary key,
    key         text        not null,
    alert_id    bigint      not null,
    rule        text        not null,
    transition  text        not null,
    channel     text        not null,
    reason      text        not null,
    attempts    integer     not null check (attempts >= 0),
    at          timestamptz not null,
    recorded_at timestamptz not null default now()
);

create index notice_dead_letter_at on notice_dead_letter (at);

-- The alert settings stored over the shipped defaults: <key>, municipality.<code>.<key>,
-- station.<device>.<key>, values as text (the alert engine parses and checks them).
create table alert_setting (
    key        text        primary key,
    value      text        not null,
    updated_at timestamptz not null,
    updated_by text        not null
);

-- The watch rules families set for their tags: kind gate-pass | not-seen | near-flood, parameters as
-- text in a jsonb object. Personal data.
create table watch_rule (
    id           bigserial   primary key,
    tag_id       text        not null references tag (id) on delete cascade,
    family_id    text        not null references family (id) on delete cascade,
    municipality char(6)     not null references municipality (code),
    kind         text        not null,
    params       jsonb       not null,
    created_at   timestamptz not null default now()
);

create index watch_rule_tag on watch_rule (tag_id);
