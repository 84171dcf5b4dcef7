-- Every committed change to the registry tables notifies the Kawamori instances that keep lookups of
-- them in memory (RegistryChanges). One notification per statement, not per row: an import of
-- 10,000 tags is one message, and the listeners empty that table's cache as a whole. The payload
-- names schema and table, so instances of several schemas on one server leave each other alone.
-- PostgreSQL delivers notifications only at commit, and not at all for rolled-back changes.

create function registry_changed() returns trigger language plpgsql as $$
begin
    perform pg_notify('kawamori_registry', tg_table_schema || '.' || tg_table_name);
    return null;
end
$$;

create trigger device_changed after insert or update or delete or truncate on device
    for each statement execute function registry_changed();
create trigger gateway_changed after insert or update or delete or truncate on gateway
    for each statement execute function registry_changed();
create trigger tag_changed after insert or update or delete or truncate on tag
    for each statement execute function registry_changed();
