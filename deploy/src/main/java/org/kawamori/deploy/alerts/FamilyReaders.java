package org.kawamori.deploy.alerts;

import java.util.List;
import java.util.Optional;
import org.kawamori.core.alert.Audience;
import org.kawamori.core.port.ReaderAccounts;
import org.kawamori.notify.mqtt.NoticeTopics;
import org.kawamori.timeseries.FamilyRegistry;

/**
 * Families at the embedded broker: {@code family:<id>} with the family's MQTT password may subscribe
 * to its own notice topic and the public one ({@link NoticeTopics#readableBy}), nothing else.
 */
public final class FamilyReaders implements ReaderAccounts {

    public static final String PREFIX = "family:";

    private final FamilyRegistry families;
    private final NoticeTopics topics;

    public FamilyReaders(FamilyRegistry families, NoticeTopics topics) {
        this.families = families;
        this.topics = topics;
    }

    @Override
    public Optional<List<String>> readableTopics(String user, char[] secret) {
        if (!user.startsWith(PREFIX)) {
            return Optional.empty();
        }
        Audience.FamilyId family;
        try {
            family = new Audience.FamilyId(user.substring(PREFIX.length()));
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
        return families.verifyMqtt(family, secret)
                .map(municipality -> topics.readableBy(new Audience.Family(family, municipality)));
    }
}
