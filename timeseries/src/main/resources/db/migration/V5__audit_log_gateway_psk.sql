-- V5: the audit log of reads of personal data, and the DTLS keys of gateways.
--
-- audit_log: who read what, when, for which municipality. Written in the same transaction as the
-- read it records (an admin listing the tag ids of a municipality, later an officer's declared
-- search), so no read goes unrecorded. It holds no tag id itself: only what was read and how many.
create table audit_log (
    id           bigserial   primary key,
    at           timestamptz not null default now(),
    actor        text        not null,
    action       text        not null,
    municipality char(6)     references municipality (code),
    purpose      text,
    origin       text,
    detail       text
);

create index audit_log_at on audit_log (at);
create index audit_log_municipality_at on audit_log (municipality, at);

-- gateway_psk: like device_psk (V4) for gateways, which may post their batches over CoAP with DTLS
-- (PSK identity = gateway id). Sealed with AES-256-GCM under the master key, with 'gateway:' || id
-- as associated data, so a row copied between the two tables does not open.
create table gateway_psk (
    gateway_id text        primary key references gateway (id) on delete cascade,
    nonce      bytea       not null,
    sealed     bytea       not null,
    updated_at timestamptz not null default now()
);
