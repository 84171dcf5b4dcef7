package org.kawamori.mapweb;

import java.time.Instant;
import java.util.List;
import org.kawamori.core.fixtures.InMemorySensorRegistry;

/**
 * The families of the family page's tests, as prose: the Satos of Kakogawa (two tags: ゆうた, seen on
 * the way to school, and a tag never seen), the Suzukis of Takasago (one tag), an officer and an
 * administrator; all with {@link InMemoryAccess#PASSWORD}.
 *
 * <pre>{@code
 * FamilyFixtures families = FamilyFixtures.givenTheSatosAndTheSuzukis(now);
 * TestServer web = families.serve();
 * }</pre>
 */
final class FamilyFixtures {

    static final String SATO = "family-sato";
    static final String SUZUKI = "family-suzuki";
    static final String YUTA = "tag-yuta";
    static final String NEVER_SEEN = "tag-spare";
    static final String KEN = "tag-ken";

    final InMemoryAccess access = new InMemoryAccess()
            .withGuardian("sato", SATO, "282103")
            .withGuardian("suzuki", SUZUKI, "282162")
            .withOfficer("tanaka", "282103")
            .withAdmin("ito");
    final InMemoryFamilyTags tags = new InMemoryFamilyTags();
    final InMemoryFamilyWatch watch = new InMemoryFamilyWatch(tags);

    private FamilyFixtures() {}

    /** ゆうた was seen three times in the last hour and once two days ago; ケン once in Takasago. */
    static FamilyFixtures givenTheSatosAndTheSuzukis(Instant now) {
        FamilyFixtures f = new FamilyFixtures();
        f.tags.withTag(YUTA, SATO, "282103", "ゆうた")
                .withTag(NEVER_SEEN, SATO, "282103", "")
                .withTag(KEN, SUZUKI, "282162", "ケン")
                .sighted(YUTA, 34.7600, 134.8400, 40, now.minusSeconds(2 * 86_400))
                .sighted(YUTA, 34.7610, 134.8410, 30, now.minusSeconds(50 * 60))
                .sighted(YUTA, 34.7620, 134.8425, 25, now.minusSeconds(30 * 60))
                .sighted(YUTA, 34.7633, 134.8440, 20, now.minusSeconds(5 * 60))
                .sighted(KEN, 34.7550, 134.7900, 35, now.minusSeconds(10 * 60));
        return f;
    }

    /** A map-web server with logins and the family API on these families. */
    TestServer serve() {
        InMemorySensorRegistry registry = new InMemorySensorRegistry();
        return TestServer.start(
                new MapWebServer(WebConfig.onPort(0), registry, new InMemoryReadingQueries(registry), List.of())
                        .withLogins(access, access, access, AccessConfig.defaults())
                        .withFamily(tags, watch, access));
    }
}
