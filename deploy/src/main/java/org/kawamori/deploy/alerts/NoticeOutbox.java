package org.kawamori.deploy.alerts;

import java.util.List;
import org.kawamori.core.alert.Notice;

/**
 * The notices the alert store recorded with their transitions, not yet handed to the channels. A
 * notice is recorded in the same transaction as its alert, so none is lost between the two; after a
 * crash the ones never handed over are published on start (receivers drop a repeat by its key).
 */
public interface NoticeOutbox {

    /** Recorded but not yet published, oldest first. */
    List<Notice> unpublished(int limit);

    /** They were handed to the dispatcher. */
    void markPublished(List<Notice> notices);
}
