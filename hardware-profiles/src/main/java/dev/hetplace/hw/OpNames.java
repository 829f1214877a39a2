package dev.hetplace.hw;

import java.util.Set;

/**
 * Op names a profile may list in a device's {@code ops}: the names the graph IR's ops report ({@code Op.name()}),
 * plus {@code shift} (VTA's arithmetic shift, used to requantize) and {@code *} for "every op".
 */
public final class OpNames {
    public static final String EVERY_OP = "*";

    public static final Set<String> KNOWN = Set.of(
            "conv2d", "dense", "matmul", "max_pool2d", "avg_pool2d", "global_max_pool2d", "global_avg_pool2d",
            "add", "sub", "mul", "div", "relu", "relu6", "clip", "leaky_relu", "sigmoid", "hard_sigmoid",
            "hard_swish", "gelu", "tanh", "batch_norm", "layer_norm", "softmax", "concat", "reshape", "flatten",
            "transpose", "upsample", "embedding", "shift");

    private OpNames() {
    }

    public static boolean isKnown(String name) {
        return EVERY_OP.equals(name) || KNOWN.contains(name);
    }
}
