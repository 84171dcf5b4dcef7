-- V7: a family's MQTT password (a PBKDF2 hash, core's PasswordHash), so that the embedded broker can
-- let the family read its own notices (kawamori/notices/family/{id}) and nothing else. Null: the
-- family cannot log in to the broker.
alter table family add column mqtt_secret text;
