package org.kawamori.core.ble;

/** A raw advertisement that is not a well-formed iBeacon or Eddystone frame. Never holds its bytes. */
public final class MalformedAdvertisementException extends Exception {

    private final AdvertisementProblem problem;

    MalformedAdvertisementException(AdvertisementProblem problem, String message) {
        super(problem.code() + ": " + message);
        this.problem = problem;
    }

    public AdvertisementProblem problem() {
        return problem;
    }
}
