-- V2: tags and their detections, device state, alerts and the rollup tables of the plain-PostgreSQL
-- path. Only SQL that plain PostgreSQL (15+) and TimescaleDB share: hypertables, compression,
-- retention policies and continuous aggregates are applied from Java after the migrations
-- (org.kawamori.timeseries.TimescaleFeatures) when the extension is available.
-- Every row of readings, detections and alerts carries its municipality code.

-- Quality flags of a reading, a bit set; 0 means "no flag". Existing rows get 0.
alter table reading add column quality smallint not null default 0;

-- A BLE watch tag. It belongs to one municipality (and one family); its detections are personal data.
create table tag (
    id           text        primary key,
    municipality char(6)     not null references municipality (code),
    nickname     text,
    enabled      boolean     not null default true,
    created_at   timestamptz not null default now()
);

create index tag_municipality on tag (municipality);

-- "Tag T was heard by gateway G at time t". The key makes a redelivered detection a no-op
-- (insert ... on conflict do nothing) and serves a tag's trail in both directions. The tag's
-- municipality owns the row; the gateway's municipality is kept for operations only. No foreign
-- keys: detections arrive at a high rate and gateways are not sensors of the device table.
create table detection (
    tag_id               text             not null,
    tag_municipality     char(6)          not null,
    gateway_id           text             not null,
    gateway_municipality char(6)          not null,
    time                 timestamptz      not null,
    lat                  double precision check (lat between -90 and 90),
    lon                  double precision check (lon between -180 and 180),
    accuracy_m           real,
    rssi                 smallint,
    received_at          timestamptz      not null default now(),
    primary key (tag_id, time, gateway_id)
);

-- For the retention purge (delete ... where time < cutoff).
create index detection_time on detection (time);

-- When a device was last heard and when its next report is due (its reporting mode decides).
create table device_state (
    device_id      text        primary key references device (id) on delete cascade,
    last_seen      timestamptz,
    expected_next  timestamptz,
    reporting_mode text
);

create table alert (
    id           bigserial   primary key,
    municipality char(6)     not null references municipality (code),
    subject      text        not null, -- a device id or a tag id
    rule         text        not null,
    severity     text        not null check (severity in ('INFO', 'WARNING', 'CRITICAL')),
    state        text        not null check (state in ('OPEN', 'ACKNOWLEDGED', 'CLEARED')),
    opened_at    timestamptz not null default now(),
    changed_at   timestamptz not null default now(),
    detail       jsonb
);

-- One active alert per subject and rule: a second OPEN/ACKNOWLEDGED one is refused by the database.
create unique index alert_one_active on alert (subject, rule) where state <> 'CLEARED';

create index alert_municipality_state on alert (municipality, state);

-- Rollups maintained by the application on plain PostgreSQL (RollupMaintainer). Buckets are
-- date_bin(width, time, timestamptz '2000-01-03 00:00:00+00'): the same as TimescaleDB's time_bucket.
-- "last" is the value of the newest reading in the bucket.
create table reading_5m (
    device_id    text             not null,
    quantity     text             not null,
    bucket       timestamptz      not null,
    municipality char(6)          not null,
    min          double precision not null,
    max          double precision not null,
    avg          double precision not null,
    count        bigint           not null,
    last         double precision not null,
    primary key (device_id, quantity, bucket)
);

create table reading_1h (
    device_id    text             not null,
    quantity     text             not null,
    bucket       timestamptz      not null,
    municipality char(6)          not null,
    min          double precision not null,
    max          double precision not null,
    avg          double precision not null,
    count        bigint           not null,
    last         double precision not null,
    primary key (device_id, quantity, bucket)
);
