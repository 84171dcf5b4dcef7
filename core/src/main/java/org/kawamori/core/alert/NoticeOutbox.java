package org.kawamori.core.alert;

import java.util.Collection;
import java.util.List;

/**
 * The notices the alert store recorded with their transitions, not yet handed to the channels. A
 * notice is recorded in the same transaction as its alert, so none is lost between the two; after a
 * crash the ones never handed over are published on start (receivers drop a repeat by its key).
 */
public interface NoticeOutbox {

    /** Recorded but not yet published, oldest first. */
    List<Notice> unpublished(int limit);

    /**
     * They were handed to the dispatcher; marking again changes nothing.
     *
     * @return how many were marked now
     */
    int markPublished(Collection<Notice> notices);
}
