package org.kawamori.deploy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.kawamori.core.Municipalities;
import org.kawamori.core.access.Account;
import org.kawamori.core.access.Accounts;
import org.kawamori.core.alert.Audience.FamilyId;
import org.kawamori.timeseries.FamilyRegistry;
import org.kawamori.timeseries.PostgresAccounts;
import org.kawamori.timeseries.PostgresFamilyLinks;

/**
 * The demo's logins, as the README shows them: an officer of Kakogawa, and a guardian of the family
 * that owns demo-tag-1, with a family link issued at each start. Demo only: a production start has no
 * default credentials.
 */
final class DemoAccounts {

    static final String OFFICER = "demo-officer";
    static final String OFFICER_PASSWORD = "demo-officer-pass";
    static final String GUARDIAN = "demo-family";
    static final String GUARDIAN_PASSWORD = "demo-family-pass";
    static final FamilyId FAMILY = new FamilyId("demo-family");

    private DemoAccounts() {}

    /** Registers what is missing and returns a fresh family link's secret (valid for a day). */
    static String register(DataSource dataSource, Clock clock) {
        FamilyRegistry families = new FamilyRegistry(dataSource);
        families.register(FAMILY, Municipalities.KAKOGAWA, "デモ家族");
        families.assign(DemoDevices.demoTag(), Optional.of(FAMILY));
        Accounts accounts = new PostgresAccounts(dataSource);
        if (accounts.find(OFFICER).isEmpty()) {
            accounts.create(Account.officer(OFFICER, Municipalities.KAKOGAWA), OFFICER_PASSWORD.toCharArray(), "demo");
        }
        if (accounts.find(GUARDIAN).isEmpty()) {
            accounts.create(
                    Account.guardian(GUARDIAN, FAMILY, Municipalities.KAKOGAWA),
                    GUARDIAN_PASSWORD.toCharArray(),
                    "demo");
        }
        Instant now = clock.instant();
        return new PostgresFamilyLinks(dataSource)
                .issue(FAMILY, now.plus(Duration.ofDays(1)), "demo", now)
                .token();
    }
}
