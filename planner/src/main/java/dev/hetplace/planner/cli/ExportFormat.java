package dev.hetplace.planner.cli;

/** What {@code place --export} writes: TVM's build script, the plan as JSON, or the model as ONNX with the plan. */
public enum ExportFormat {
    TVM, JSON, ONNX
}
