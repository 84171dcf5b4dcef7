package org.kawamori.notify.mqtt;

import java.util.List;
import java.util.Objects;
import org.kawamori.core.alert.Audience;

/**
 * The MQTT topics of notices, one per audience, and who may read which:
 *
 * <ul>
 *   <li>{@code kawamori/notices/municipality/{code}}: the officers of that municipality;
 *   <li>{@code kawamori/notices/family/{familyId}}: that one family, the only topic that may carry its
 *       personal data;
 *   <li>{@code kawamori/notices/public}: everyone (no personal data).
 * </ul>
 *
 * A notice goes to the topic of its own audience and nowhere else ({@link #topicFor}: there is no
 * way to name another), so a family's notice is never on a topic that anyone but the family reads.
 * The broker enforces the reading side with {@link #mayRead}: on SUBSCRIBE, a client logged in as
 * {@code reader} may subscribe to a filter only if this says yes. Wildcard filters and shared
 * subscriptions are refused; a reader subscribes to its exact topics ({@link #readableBy}).
 */
public final class NoticeTopics {

    public static final String DEFAULT_ROOT = "kawamori/notices";
    public static final NoticeTopics DEFAULT = new NoticeTopics(DEFAULT_ROOT);

    private final String root;

    /** Topics under another root than {@value #DEFAULT_ROOT}, e.g. one per test run. */
    public NoticeTopics(String root) {
        Objects.requireNonNull(root, "root");
        if (root.isEmpty()
                || root.startsWith("/")
                || root.endsWith("/")
                || root.startsWith("$")
                || root.contains("+")
                || root.contains("#")
                || root.contains("//")) {
            throw new IllegalArgumentException("not a topic root: " + root);
        }
        this.root = root;
    }

    /**
     * Whether a client reading as {@code reader} may subscribe to {@code topicFilter} under the default
     * root: its own topic and the public one, exactly, nothing else.
     */
    public static boolean mayRead(Audience reader, String topicFilter) {
        return DEFAULT.allows(reader, topicFilter);
    }

    public String root() {
        return root;
    }

    /** The one topic a notice for {@code audience} is published to. */
    public String topicFor(Audience audience) {
        Objects.requireNonNull(audience, "audience");
        if (audience instanceof Audience.Officers officers) {
            return root + "/municipality/" + officers.municipality().value();
        }
        if (audience instanceof Audience.Family family) {
            return root + "/family/" + family.family().value();
        }
        return root + "/public";
    }

    /** The topics {@code reader} may subscribe to: its own and, unless it is the public, the public one. */
    public List<String> readableBy(Audience reader) {
        String own = topicFor(reader);
        String everyone = topicFor(new Audience.Public());
        return own.equals(everyone) ? List.of(everyone) : List.of(own, everyone);
    }

    /** {@link #mayRead} under this root. */
    public boolean allows(Audience reader, String topicFilter) {
        return reader != null && topicFilter != null && readableBy(reader).contains(topicFilter);
    }
}
