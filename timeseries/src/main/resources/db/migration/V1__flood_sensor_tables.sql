-- V1: the flood-sensor tables. Only SQL that plain PostgreSQL and TimescaleDB share; hypertables
-- come in a later, TimescaleDB-only step. The municipalities are seeded from Java at every start
-- (org.kawamori.core.Municipalities is the single source of the list).

create table municipality (
    code    char(6) primary key,
    name_ja text    not null,
    name_en text    not null
);

create table device (
    id                 text             primary key,
    municipality       char(6)          not null references municipality (code),
    kind               text             not null check (kind in ('RIVER_GAUGE', 'INUNDATION')),
    name               text             not null,
    lat                double precision not null check (lat between -90 and 90),
    lon                double precision not null check (lon between -180 and 180),
    experimental       boolean          not null default false,
    enabled            boolean          not null default true,
    -- PBKDF2 hash in core's PasswordHash format; null: the device cannot log in with a password
    mqtt_password_hash text,
    created_at         timestamptz      not null default now(),
    updated_at         timestamptz      not null default now()
);

-- One row per (device, quantity, time): a redelivered reading is inserted with ON CONFLICT DO
-- NOTHING, so it is stored once. The key starts with the device and ends with the time, which is
-- what "latest reading of a sensor" and "readings of a sensor in a range" need (and what a
-- TimescaleDB hypertable on time allows as a unique index).
create table reading (
    device_id    text             not null references device (id),
    municipality char(6)          not null,
    time         timestamptz      not null,
    quantity     text             not null, -- the SenML name: level, depth, battery
    value        double precision not null,
    received_at  timestamptz      not null default now(),
    primary key (device_id, quantity, time)
);

create table dead_letter (
    id             bigserial   primary key,
    received_at    timestamptz not null,
    transport      text        not null, -- MQTT, COAP, HTTPS
    channel        text        not null, -- topic or path
    claimed_device text,                 -- the device the address names, if it names one
    reason         text        not null, -- RejectionReason.code(), e.g. unknown-device
    detail         text        not null,
    payload        bytea       not null, -- the first DeadLetter.KEPT_PAYLOAD_BYTES bytes
    payload_size   integer     not null  -- the size of the whole payload
);

create index dead_letter_received_at on dead_letter (received_at);
