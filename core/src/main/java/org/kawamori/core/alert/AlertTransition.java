package org.kawamori.core.alert;

/** What happened to an alert; each transition of an alert is notified at most once per channel and audience. */
public enum AlertTransition {
    /** A new alert (the first stage reached, a sensor went missing, a gate passed). */
    OPENED,
    /** The same alert moved to a more severe level (a higher river stage). */
    ESCALATED,
    /** The same alert moved to a less severe level that is still active (a lower stage, not yet lifted). */
    DEESCALATED,
    /** Still open and not acknowledged: said again (configurable interval). */
    REMINDER,
    /** An officer or the family acknowledged it. */
    ACKNOWLEDGED,
    /** Lifted (解除): the condition is over. */
    CLEARED
}
