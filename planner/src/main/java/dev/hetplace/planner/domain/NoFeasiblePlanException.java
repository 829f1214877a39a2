package dev.hetplace.planner.domain;

/** No plan satisfies the hard constraints; the message names the constraint and by how much it fails. */
public class NoFeasiblePlanException extends RuntimeException {
    public NoFeasiblePlanException(String message) {
        super(message);
    }
}
