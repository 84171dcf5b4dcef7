package org.kawamori.notify.mail;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.Objects;
import org.kawamori.core.alert.Audience;
import org.kawamori.notify.NoticeJson;
import org.kawamori.notify.Subscriber;

/**
 * One mail address that gets one audience's notices: an officer's desk, a guardian.
 *
 * @param id stable and opaque (logs and the dead-letter name it; the address is personal data and
 *     never appears there)
 * @param audience whose notices it gets
 * @param address the RFC 5322 address
 */
public record MailRecipient(String id, Audience audience, String address) implements Subscriber {

    public MailRecipient {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(audience, "audience");
        requireAddress("mail recipient " + id, address);
    }

    /** Refuses what is not one plain address, naming {@code what} but not the value. */
    static void requireAddress(String what, String address) {
        Objects.requireNonNull(address, what);
        try {
            new InternetAddress(address, true);
        } catch (AddressException e) {
            throw new IllegalArgumentException(what + ": not a mail address");
        }
    }

    @Override
    public String toString() {
        return "MailRecipient[" + id + ", " + NoticeJson.kind(audience) + ", ****]";
    }
}
