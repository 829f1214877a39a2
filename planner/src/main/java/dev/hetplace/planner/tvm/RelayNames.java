package dev.hetplace.planner.tvm;

import dev.hetplace.ir.op.Activation;
import dev.hetplace.ir.op.Op;

/** The Relay operator a layer becomes when a model is imported into TVM (as graph_pack matches names). */
public final class RelayNames {
    private RelayNames() {
    }

    public static String of(Op op) {
        if (op instanceof Activation a) {
            return switch (a.kind()) {
                case RELU -> "nn.relu";
                case RELU6, CLIP -> "clip";
                case LEAKY_RELU -> "nn.leaky_relu";
                case SIGMOID, HARD_SIGMOID -> "sigmoid";
                case TANH -> "tanh";
                case HARD_SWISH -> "multiply";
                case GELU -> "multiply";
            };
        }
        return switch (op.name()) {
            case "conv2d" -> "nn.conv2d";
            case "dense" -> "nn.dense";
            case "matmul" -> "nn.batch_matmul";
            case "max_pool2d" -> "nn.max_pool2d";
            case "avg_pool2d" -> "nn.avg_pool2d";
            case "global_avg_pool2d" -> "nn.global_avg_pool2d";
            case "global_max_pool2d" -> "nn.global_max_pool2d";
            case "batch_norm" -> "nn.batch_norm";
            case "layer_norm" -> "nn.layer_norm";
            case "softmax" -> "nn.softmax";
            case "concat" -> "concatenate";
            case "flatten" -> "nn.batch_flatten";
            case "upsample" -> "nn.upsampling";
            case "add", "sub", "mul", "div" -> op.name().equals("mul") ? "multiply"
                    : op.name().equals("div") ? "divide" : op.name().equals("sub") ? "subtract" : "add";
            default -> op.name();
        };
    }
}
