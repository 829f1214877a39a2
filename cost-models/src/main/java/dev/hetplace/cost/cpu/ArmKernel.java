package dev.hetplace.cost.cpu;

import dev.hetplace.cost.GroupWork;
import dev.hetplace.cost.OpClass;
import dev.hetplace.cost.calibration.KernelShape;
import dev.hetplace.hw.Precision;

/** The TVM arm_cpu schedule a group's anchor would run with, which decides its efficiency. */
public enum ArmKernel {
    /** conv2d_nchw_spatial_pack: any conv with a kernel larger than 1x1 that is not Winograd-eligible. */
    DIRECT,
    /** A 1x1 conv: the im2col matrix is the input itself, so the conv is a plain GEMM. */
    IM2COL_GEMM,
    /** conv2d_nchw_winograd: 3x3, stride 1, undilated, ungrouped, fp32, at least 8 channels in and out. */
    WINOGRAD,
    DEPTHWISE,
    /** dense_nopack at batch 1: a matrix-vector product that streams its weights once. */
    DENSE,
    /** Pooling, element-wise, activations, normalisation, copies, opaque ops: bytes over DRAM bandwidth. */
    MEMORY_BOUND,
    /** reshape / flatten: no data moves. */
    VIEW;

    public static ArmKernel of(GroupWork w, Precision p) {
        OpClass c = w.opClass();
        if (c == OpClass.VIEW) {
            return VIEW;
        }
        if (c == OpClass.DEPTHWISE_CONV) {
            return DEPTHWISE;
        }
        if (c == OpClass.DENSE || c == OpClass.MATMUL) {
            return DENSE;
        }
        if (c != OpClass.CONV) {
            return MEMORY_BOUND;
        }
        KernelShape k = w.kernel();
        if (k.kh() == 1 && k.kw() == 1) {
            return IM2COL_GEMM;
        }
        boolean winograd = p != Precision.INT8 && k.kh() == 3 && k.kw() == 3 && k.stride() == 1 && k.pad() >= 0
                && k.groups() == 1 && k.cin() >= 8 && k.cout() >= 8;
        return winograd ? WINOGRAD : DIRECT;
    }
}
