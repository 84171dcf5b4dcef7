package org.kawamori.notify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.kawamori.core.alert.Audience;
import org.kawamori.core.alert.Notice;
import org.kawamori.core.alert.Notifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A channel that sends each notice to every subscriber of its audience (webhook URLs, mail
 * addresses). On a retry it sends only to the subscribers that have not taken the notice yet: it
 * remembers, per idempotency key, who took it and who refused it for good, until every subscriber
 * has answered. Then a refusal makes the whole delivery fail for good, so that the dispatcher
 * dead-letters it with the refusing subscribers' ids.
 *
 * <p>A subscriber whose audience is not the notice's is never sent to, even if the lookup returns
 * it: a family's notice reaches that family's subscribers only.
 */
public abstract class SubscriberFanOut<S extends Subscriber> implements Notifier {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriberFanOut.class);

    private final Function<Audience, List<S>> lookup;
    private final Map<String, Answers> answers;

    /**
     * @param lookup the subscribers of an audience
     * @param remembered how many partly delivered notices are remembered at once (the oldest is
     *     forgotten first; a forgotten one is sent again to every subscriber on its next attempt)
     */
    protected SubscriberFanOut(Function<Audience, List<S>> lookup, int remembered) {
        this.lookup = lookup;
        this.answers = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Answers> eldest) {
                return size() > remembered;
            }
        };
    }

    /** Sends the notice to one subscriber, blocking until it took it. */
    protected abstract void send(Notice notice, S subscriber) throws DeliveryException;

    @Override
    public boolean accepts(Notice notice) {
        return !subscribersOf(notice).isEmpty();
    }

    @Override
    public void deliver(Notice notice) throws DeliveryException {
        List<S> subscribers = subscribersOf(notice);
        Answers answered;
        synchronized (answers) {
            answered = answers.computeIfAbsent(notice.key(), k -> new Answers(new HashSet<>(), new LinkedHashMap<>()));
        }
        List<String> pending = new ArrayList<>();
        Optional<Duration> retryAfter = Optional.empty();
        for (S subscriber : subscribers) {
            if (answered.took().contains(subscriber.id()) || answered.refused().containsKey(subscriber.id())) {
                continue;
            }
            try {
                send(notice, subscriber);
                answered.took().add(subscriber.id());
            } catch (DeliveryException e) {
                if (e.retryable()) {
                    pending.add(subscriber.id() + ": " + e.getMessage());
                    retryAfter = longer(retryAfter, RetryAfter.of(e));
                } else {
                    answered.refused().put(subscriber.id(), e.getMessage());
                }
            }
        }
        if (!pending.isEmpty()) {
            String reason = pending.size() + " of " + subscribers.size() + " subscribers to try again: "
                    + String.join("; ", pending);
            throw retryAfter
                    .map(d -> new DeliveryException(reason, true, new RetryAfter(d)))
                    .orElseGet(() -> new DeliveryException(reason, true));
        }
        synchronized (answers) {
            answers.remove(notice.key());
        }
        List<String> refused = answered.refused().entrySet().stream()
                .map(a -> a.getKey() + ": " + a.getValue())
                .toList();
        if (!refused.isEmpty()) {
            throw new DeliveryException(
                    refused.size() + " of " + subscribers.size() + " subscribers refused: "
                            + String.join("; ", refused),
                    false);
        }
    }

    private List<S> subscribersOf(Notice notice) {
        List<S> all = lookup.apply(notice.audience());
        List<S> own =
                all.stream().filter(s -> s.audience().equals(notice.audience())).toList();
        if (own.size() != all.size()) {
            LOG.error(
                    "{}: the subscriber lookup returned {} subscribers of another audience for a {} notice; not sent to them",
                    channel(),
                    all.size() - own.size(),
                    NoticeJson.kind(notice.audience()));
        }
        return own;
    }

    private static Optional<Duration> longer(Optional<Duration> a, Optional<Duration> b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.filter(d -> d.compareTo(a.get()) > 0).or(() -> a);
    }

    /** Who took a notice, and who refused it for good and why. */
    private record Answers(Set<String> took, Map<String, String> refused) {}
}
