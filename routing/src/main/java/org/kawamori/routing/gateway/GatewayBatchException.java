package org.kawamori.routing.gateway;

/** A batch that is refused as a whole. The message never holds a tag id or payload content. */
public final class GatewayBatchException extends Exception {

    private final BatchProblem problem;

    GatewayBatchException(BatchProblem problem, String message) {
        super(problem.code() + ": " + message);
        this.problem = problem;
    }

    public BatchProblem problem() {
        return problem;
    }
}
