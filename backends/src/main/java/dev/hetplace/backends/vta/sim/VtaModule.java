package dev.hetplace.backends.vta.sim;

/**
 * The three task-pipeline modules that execute instructions (the fetch module only dispatches them). Load fills
 * the input and weight buffers; compute loads uops and accumulator data and runs GEMM and ALU; store drains the
 * output buffer. {@code prev} / {@code next} in an instruction's dependency flags are the neighbours in this order.
 */
public enum VtaModule {
    LOAD, COMPUTE, STORE;

    /** TVM's stage id ({@code kLoadStage} 1, {@code kComputeStage} 2, {@code kStoreStage} 3). */
    public int stage() {
        return ordinal() + 1;
    }

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
