package dev.hetplace.planner.validate;

/** What executes a plan: the project's own kernels ({@code JAVA}) or ONNX Runtime's CPU provider. */
public enum ExecutionRuntime {
    JAVA, ONNXRUNTIME
}
