package dev.hetplace.planner.setting;

/**
 * A setting a user states (or a command a message points to), as the layers below the command lines know it: by what
 * it is, never by how a front end spells it. A message that names one takes a {@link Wording}, so that {@code place}
 * says its flag and a sweep its key.
 */
public enum Setting {
    /** The model to place. */
    MODEL,
    /** A layer held to one device and precision. */
    PIN,
    /** Only plans TVM's VTA flow can build. */
    TVM_COMPATIBLE,
    /** The accuracy budget in dB. */
    MIN_SQNR,
    /** Which solver plans. */
    SOLVER,
    /** Timefold from its own construction rather than from the DP's plan. */
    NO_DP_SEED,
    /** Executing the plan to check it. */
    VALIDATE,
    /** Where the quantization noise comes from. */
    NOISE,
    /** The precisions a plan may use. */
    PRECISIONS,
    /** Where the weights come from. */
    WEIGHTS,
    /** The format the plan is written in for another compiler. */
    EXPORT,
    /** The command that measures this machine's CPU (a message pointing to it, not a setting of a placement). */
    MEASURE,
    /** The command that lists a model's priced choices and their cost terms. */
    COST,
    /** The command that lists the models one can name. */
    MODELS
}
