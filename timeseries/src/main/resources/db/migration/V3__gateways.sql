-- V3: BLE gateways. A gateway belongs to one municipality and hears tags of any. Its secret (the
-- MQTT password and the HTTPS bearer token) is kept as a PBKDF2 hash only. A volunteer's phone is a
-- gateway too: its identity authenticates a batch and is never stored with the detections.

create table gateway (
    id           text             primary key,
    municipality char(6)          not null references municipality (code),
    kind         text             not null check (kind in ('FIXED', 'VEHICLE', 'PHONE')),
    name         text,
    -- where a fixed gateway hears; moving gateways report positions with each batch
    lat          double precision check (lat between -90 and 90),
    lon          double precision check (lon between -180 and 180),
    secret_hash  text,
    enabled      boolean          not null default true,
    created_at   timestamptz      not null default now(),
    updated_at   timestamptz      not null default now(),
    check (kind <> 'FIXED' or (lat is not null and lon is not null)),
    check ((lat is null) = (lon is null))
);

create index gateway_municipality on gateway (municipality);
