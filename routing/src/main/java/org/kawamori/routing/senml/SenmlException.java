package org.kawamori.routing.senml;

/** The bytes are not a SenML pack this decoder accepts; the message says why, for the dead-letter. */
public class SenmlException extends Exception {

    public SenmlException(String message) {
        super(message, null, false, false);
    }
}
