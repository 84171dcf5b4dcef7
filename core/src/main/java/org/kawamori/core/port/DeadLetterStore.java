package org.kawamori.core.port;

import org.kawamori.core.ingest.DeadLetter;

/** Keeps refused messages for operators. */
public interface DeadLetterStore {

    void record(DeadLetter letter);
}
