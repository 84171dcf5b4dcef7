-- The alert settings and the families' watch rules change through whichever instance answered the
-- request; every other instance must read them again (RegistryChanges.onChange, AlertService).
-- Same channel and payload as V9: one notification per statement, at commit, naming schema and table.

create trigger alert_setting_changed after insert or update or delete or truncate on alert_setting
    for each statement execute function registry_changed();
create trigger watch_rule_changed after insert or update or delete or truncate on watch_rule
    for each statement execute function registry_changed();
