package dev.hetplace.backends.vta;

import java.util.List;

/**
 * What a group asks of VTA, as logical (unpadded) shapes plus the ALU steps it fuses; the batch is already
 * folded in. Records hold no names, so equal shapes share one tiling search.
 */
public sealed interface VtaWorkload permits VtaConvWorkload, VtaDenseWorkload, VtaAluWorkload {

    /** Multiply-accumulates of the logical (unpadded) computation; 0 for ALU-only work. */
    long logicalMacs();

    /** ALU instructions run on every accumulator entry of a tile, in order. */
    List<VtaAluStep> aluSteps();
}
