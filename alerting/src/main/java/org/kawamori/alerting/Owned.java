package org.kawamori.alerting;

/** The state of one owner (a sensor or a tag): evaluated on a draft copy, kept only once recorded. */
interface Owned<S extends Owned<S>> {

    S copy();

    AlertBook book();
}
