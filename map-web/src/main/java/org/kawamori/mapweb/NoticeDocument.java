package org.kawamori.mapweb;

import java.util.function.Function;
import org.kawamori.core.alert.Notice;
import org.kawamori.core.alert.Notifier.DeliveryException;

/** The document a live-stream channel sends for a notice, written by the notify module's function. */
final class NoticeDocument {

    private NoticeDocument() {}

    /** The document, or a non-retryable failure when it cannot be written (trying again would not help). */
    static String write(Function<Notice, String> json, Notice notice) throws DeliveryException {
        String data;
        try {
            data = json.apply(notice);
        } catch (RuntimeException e) {
            throw new DeliveryException(
                    "the notice document could not be written (" + e.getClass().getSimpleName() + ")", false);
        }
        if (data == null) {
            throw new DeliveryException("the notice document is empty", false);
        }
        return data;
    }
}
