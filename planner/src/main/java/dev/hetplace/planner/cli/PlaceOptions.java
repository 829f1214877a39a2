package dev.hetplace.planner.cli;

import dev.hetplace.planner.numerics.ExecutionSettings;
import dev.hetplace.planner.run.PlacementSpec;
import dev.hetplace.planner.solve.PlanRequest;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options that say what to price: model, targets, overrides, precisions, and the shared cost sources. */
public final class PlaceOptions {
    /** The error line of a blank {@code --model} (here, or a {@link dev.hetplace.planner.run.NoModelException} from below). */
    static final String MODEL_REQUIRED = "--model is required (a zoo name from `place models` or an .onnx path)";

    @Option(names = "--model", description = "zoo name (see `place models`) or path to an .onnx file")
    String model;

    @Option(names = "--targets", split = ",", description = "device ids of the platform to use (default: cpu,vta)")
    List<String> targets = new ArrayList<>(List.of("cpu", "vta"));

    @Option(names = "--set", description = "profile override KEY=VALUE, e.g. devices.vta.logBlockIn=5 (repeatable)")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--precisions", split = ",", description = "precisions allowed (default: all the devices offer)")
    List<String> precisions = new ArrayList<>();

    @Mixin
    CostSourceOptions source;

    PlacementSpec spec(PlanRequest request, ExecutionSettings execution) {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException(MODEL_REQUIRED);
        }
        source.check();
        return PlacementSpec.builder(model, targets, request).platform(source.platform)
                .overrides(source.overrides(overrides)).precisions(precisions).batch(source.batch)
                .gpuTiming(source.timing).vtaCosts(source.vtaCosts).execution(execution)
                .measurements(source.measurements).build();
    }
}
