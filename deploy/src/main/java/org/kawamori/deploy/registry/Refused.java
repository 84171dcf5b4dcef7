package org.kawamori.deploy.registry;

/** A refusal with its exit status, printed to stderr. */
final class Refused extends RuntimeException {
    final int status;

    Refused(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }
}
