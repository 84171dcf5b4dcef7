-- V4: the pre-shared keys of devices that send over CoAP with DTLS. DTLS needs the key itself, so it
-- cannot be hashed: it is sealed with AES-256-GCM under a master key held outside the database
-- (KAWAMORI_PSK_MASTER_KEY), with the device id as associated data, so a sealed key copied to
-- another device's row does not open.
create table device_psk (
    device_id  text        primary key references device (id) on delete cascade,
    nonce      bytea       not null,
    sealed     bytea       not null,
    updated_at timestamptz not null default now()
);
