package org.kawamori.core.ingest;

/** Thrown inside the pipeline when a message is refused; it carries the reason and a detail without personal data. */
public class MessageRejectedException extends RuntimeException {

    private final RejectionReason reason;

    public MessageRejectedException(RejectionReason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    public RejectionReason reason() {
        return reason;
    }

    public String detail() {
        return getMessage();
    }
}
