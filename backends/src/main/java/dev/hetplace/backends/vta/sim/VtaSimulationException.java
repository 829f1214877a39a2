package dev.hetplace.backends.vta.sim;

import java.util.Locale;

/**
 * An instruction stream VTA cannot run as written: it deadlocks (a module waits on a dependency-token queue that
 * is never filled, or on a full one), has a hazard (an instruction touches a buffer region that an earlier
 * instruction of another module still has pending), leaves tokens behind, or addresses outside a buffer or the
 * DRAM image. The one-line message names the instruction index and the queue or buffer.
 */
public class VtaSimulationException extends IllegalArgumentException {

    public enum Kind { DEADLOCK, HAZARD, UNBALANCED, OUT_OF_BOUNDS, INVALID }

    private final Kind kind;
    private final int instruction;
    private final String where;
    private final long cycle;

    public VtaSimulationException(String group, Kind kind, int instruction, String where, long cycle, String detail) {
        super(String.format(Locale.ROOT, "VTA stream of group '%s': %s at instruction %d (%s), cycle %d: %s", group,
                kind.name().toLowerCase(Locale.ROOT).replace('_', ' '), instruction, where, cycle, detail));
        this.kind = kind;
        this.instruction = instruction;
        this.where = where;
        this.cycle = cycle;
    }

    public Kind kind() {
        return kind;
    }

    /** Index of the offending instruction in the stream. */
    public int instruction() {
        return instruction;
    }

    /** The queue (e.g. {@code load->compute}) or buffer (e.g. {@code inp}) involved. */
    public String where() {
        return where;
    }

    /** Simulated cycle at which it was detected (0 for the functional simulator). */
    public long cycle() {
        return cycle;
    }
}
