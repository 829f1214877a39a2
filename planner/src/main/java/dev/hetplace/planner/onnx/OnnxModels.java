package dev.hetplace.planner.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.util.List;

/**
 * An exported plan: the whole model (every node tagged with its device), its graph input and output names, and,
 * for a plan on several devices, one model per device region in execution order (empty for one region).
 */
public record OnnxModels(ModelProto whole, List<String> inputs, List<String> outputs, List<Partition> partitions) {
    public OnnxModels {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        partitions = List.copyOf(partitions);
    }

    /** One device region's model: the tensors it reads from earlier regions (or the graph) and those it hands on. */
    public record Partition(int index, String device, ModelProto model, List<String> inputs, List<String> outputs,
                            List<String> groups) {
        public Partition {
            inputs = List.copyOf(inputs);
            outputs = List.copyOf(outputs);
            groups = List.copyOf(groups);
        }
    }
}
