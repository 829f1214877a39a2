package dev.hetplace.cost;

import dev.hetplace.ir.op.Activation;
import dev.hetplace.ir.op.ActivationKind;
import dev.hetplace.ir.op.BatchNorm;
import dev.hetplace.ir.op.Concat;
import dev.hetplace.ir.op.Conv2d;
import dev.hetplace.ir.op.Dense;
import dev.hetplace.ir.op.Eltwise;
import dev.hetplace.ir.op.EltwiseKind;
import dev.hetplace.ir.op.Embedding;
import dev.hetplace.ir.op.Flatten;
import dev.hetplace.ir.op.GlobalPool;
import dev.hetplace.ir.op.Input;
import dev.hetplace.ir.op.LayerNorm;
import dev.hetplace.ir.op.MatMul;
import dev.hetplace.ir.op.Op;
import dev.hetplace.ir.op.Opaque;
import dev.hetplace.ir.op.Pool;
import dev.hetplace.ir.op.Reshape;
import dev.hetplace.ir.op.Softmax;
import dev.hetplace.ir.op.Transpose;
import dev.hetplace.ir.op.Upsample;

/** How the cost models treat an op: by the kernel that runs it. */
public enum OpClass {
    /** conv2d with one group or several (not depthwise): an implicit GEMM. */
    CONV,
    DEPTHWISE_CONV,
    DENSE,
    MATMUL,
    POOL,
    GLOBAL_POOL,
    ELTWISE,
    ACTIVATION,
    /** batch norm (unfused), layer norm, softmax: float arithmetic per element with reductions. */
    NORMALIZATION,
    /** concat, transpose, upsample, embedding: a copy. */
    COPY,
    /** reshape and flatten: a view, no data moves. */
    VIEW,
    OPAQUE,
    INPUT;

    public static OpClass of(Op op, int inputChannels) {
        if (op instanceof Conv2d c) {
            return c.depthwise(inputChannels) ? DEPTHWISE_CONV : CONV;
        }
        if (op instanceof Dense) {
            return DENSE;
        }
        if (op instanceof MatMul) {
            return MATMUL;
        }
        if (op instanceof Pool) {
            return POOL;
        }
        if (op instanceof GlobalPool) {
            return GLOBAL_POOL;
        }
        if (op instanceof Eltwise) {
            return ELTWISE;
        }
        if (op instanceof Activation) {
            return ACTIVATION;
        }
        if (op instanceof BatchNorm || op instanceof LayerNorm || op instanceof Softmax) {
            return NORMALIZATION;
        }
        if (op instanceof Concat || op instanceof Transpose || op instanceof Upsample || op instanceof Embedding) {
            return COPY;
        }
        if (op instanceof Reshape || op instanceof Flatten) {
            return VIEW;
        }
        if (op instanceof Opaque) {
            return OPAQUE;
        }
        return INPUT;
    }

    /** Whether an int8 kernel exists for the op (integer add/sub, ReLU-like clips, GEMMs, pooling, copies). */
    public static boolean hasInt8Kernel(Op op) {
        if (op instanceof Activation a) {
            return a.kind() == ActivationKind.RELU || a.kind() == ActivationKind.RELU6
                    || a.kind() == ActivationKind.CLIP || a.kind() == ActivationKind.LEAKY_RELU;
        }
        if (op instanceof Eltwise e) {
            return e.kind() == EltwiseKind.ADD || e.kind() == EltwiseKind.SUB;
        }
        // batch norm is folded into the anchor's requantization; the rest need float arithmetic or tables
        return !(op instanceof LayerNorm || op instanceof Softmax || op instanceof Opaque || op instanceof Embedding);
    }

    /**
     * Ops TVM runs on VTA-packed int8 tensors on the CPU inside graph_pack's region: add, ReLU, clip; a batch norm
     * (after SimplifyInference a multiply and an add by per-channel constants, which graph_pack packs:
     * vta/python/vta/top/graphpack.py, the add / multiply cases of ExprPack.visit_call, v0.18.0); pooling and
     * concatenation, which run on the packed tensor unchanged (the detection tutorial's region holds the max pools
     * and route concatenations of yolov3-tiny, deploy_detection.py pack_dict); upsampling, whose layout graph_pack
     * rewrites to NCHWnc.
     */
    public static boolean runsOnBlockedInt8(Op op) {
        if (op instanceof Activation a) {
            return a.kind() == ActivationKind.RELU || a.kind() == ActivationKind.RELU6
                    || a.kind() == ActivationKind.CLIP;
        }
        return op instanceof Eltwise e && e.kind() == EltwiseKind.ADD || op instanceof BatchNorm || op instanceof Pool
                || op instanceof Concat || op instanceof Upsample;
    }
}
