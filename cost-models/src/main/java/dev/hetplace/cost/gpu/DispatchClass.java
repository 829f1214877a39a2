package dev.hetplace.cost.gpu;

import dev.hetplace.cost.OpClass;
import dev.hetplace.ir.op.BatchNorm;
import dev.hetplace.ir.op.Op;
import java.util.Locale;

/** The kind of host-side dispatch a GPU kernel needs under eager timing (one framework call per kernel). */
public enum DispatchClass {
    CONV, GEMM, ELEMENTWISE, POOL, REDUCTION, CAST;

    /** The dispatch of an op, or null for ops that launch nothing (views, inputs). */
    public static DispatchClass of(Op op, OpClass c) {
        if (op instanceof BatchNorm) {
            return ELEMENTWISE;
        }
        return switch (c) {
            case CONV, DEPTHWISE_CONV -> CONV;
            case DENSE, MATMUL -> GEMM;
            case POOL -> POOL;
            case GLOBAL_POOL, NORMALIZATION -> REDUCTION;
            case ELTWISE, ACTIVATION, COPY -> ELEMENTWISE;
            case VIEW, OPAQUE, INPUT -> null;
        };
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace("elementwise", "element-wise");
    }
}
