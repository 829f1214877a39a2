package dev.hetplace.backends.vta.sim;

import dev.hetplace.backends.vta.VtaAluWorkload;
import dev.hetplace.backends.vta.VtaConvWorkload;
import dev.hetplace.backends.vta.VtaCounters;
import dev.hetplace.backends.vta.VtaDenseWorkload;
import dev.hetplace.hw.VtaConfig;
import java.util.List;

/**
 * Runs a lowered group functionally on plain tensors: packs the inputs into a fresh DRAM image, executes the
 * stream, unpacks the output. {@code output} is NCHW int8 (conv, ALU) or [rows][units] int8 (dense).
 */
public record VtaExecution(byte[] output, VtaCounters counters) {

    /** A conv: input NCHW int8, weights OIHW int8, bias int32 per output channel (null when the group has none). */
    public static VtaExecution conv(VtaProgram p, byte[] input, byte[] weights, int[] bias) {
        return conv(p, input, weights, bias, null);
    }

    /**
     * A conv with a residual add fused into it: {@code residual} is the add's other summand, NCHW int8 in the
     * conv's output shape (loaded as int32 accumulators), null when the program fuses none.
     */
    public static VtaExecution conv(VtaProgram p, byte[] input, byte[] weights, int[] bias, byte[] residual) {
        VtaConvWorkload w = (VtaConvWorkload) p.plan().workload();
        if (w.fusedResidual() != (residual != null)) {
            throw new IllegalArgumentException("group '" + p.group() + "' " + (w.fusedResidual() ? "needs" : "has no")
                    + " fused residual operand");
        }
        VtaConfig c = p.config();
        VtaDram dram = VtaDram.of(p);
        dram.writeInt8(p.dram().region("input"), VtaPacking.packActivations(input, w.batch(), w.inChannels(),
                w.inH(), w.inW(), c.batch(), c.blockIn()));
        dram.writeInt8(p.dram().region("weight"), VtaPacking.packWeights(weights, w.outChannels(), w.inChannels(),
                w.kernelH(), w.kernelW(), c.blockOut(), c.blockIn()));
        writeBias(p, dram, w.bias(), bias, w.outChannels());
        if (residual != null) {
            dram.writeInt32(p.dram().region("residual"), VtaPacking.packAccumulators(residual, w.batch(),
                    w.outChannels(), w.outH(), w.outW(), c.batch(), c.blockOut()));
        }
        VtaCounters counters = VtaFunctionalSimulator.run(p, dram);
        byte[] out = VtaPacking.unpackActivations(dram.readInt8(p.dram().region("output")), w.batch(),
                w.outChannels(), w.outH(), w.outW(), c.batch(), c.blockOut());
        return new VtaExecution(out, counters);
    }

    /** A dense layer: input [rows][inFeatures] int8, weights [units][inFeatures] int8, bias int32 or null. */
    public static VtaExecution dense(VtaProgram p, byte[] input, byte[] weights, int[] bias) {
        VtaDenseWorkload w = (VtaDenseWorkload) p.plan().workload();
        VtaConfig c = p.config();
        VtaDram dram = VtaDram.of(p);
        dram.writeInt8(p.dram().region("input"), VtaPacking.packActivations(input, w.rows(), w.inFeatures(), 1, 1,
                c.batch(), c.blockIn()));
        dram.writeInt8(p.dram().region("weight"), VtaPacking.packWeights(weights, w.outFeatures(), w.inFeatures(),
                1, 1, c.blockOut(), c.blockIn()));
        writeBias(p, dram, w.bias(), bias, w.outFeatures());
        VtaCounters counters = VtaFunctionalSimulator.run(p, dram);
        byte[] out = VtaPacking.unpackActivations(dram.readInt8(p.dram().region("output")), w.rows(),
                w.outFeatures(), 1, 1, c.batch(), c.blockOut());
        return new VtaExecution(out, counters);
    }

    /** ALU-only work: one NCHW int8 tensor per operand (loaded as int32 accumulators). */
    public static VtaExecution alu(VtaProgram p, List<byte[]> operands) {
        VtaAluWorkload w = (VtaAluWorkload) p.plan().workload();
        VtaConfig c = p.config();
        if (operands.size() != w.tensorOperands()) {
            throw new IllegalArgumentException("ALU group '" + p.group() + "' takes " + w.tensorOperands()
                    + " operands, got " + operands.size());
        }
        VtaDram dram = VtaDram.of(p);
        for (int k = 0; k < operands.size(); k++) {
            dram.writeInt32(p.dram().region("operand" + k), VtaPacking.packAccumulators(operands.get(k), w.batch(),
                    w.channels(), w.height(), w.width(), c.batch(), c.blockOut()));
        }
        VtaCounters counters = VtaFunctionalSimulator.run(p, dram);
        byte[] out = VtaPacking.unpackActivations(dram.readInt8(p.dram().region("output")), w.batch(),
                w.channels(), w.height(), w.width(), c.batch(), c.blockOut());
        return new VtaExecution(out, counters);
    }

    private static void writeBias(VtaProgram p, VtaDram dram, boolean hasBias, int[] bias, int channels) {
        if (hasBias != (bias != null)) {
            throw new IllegalArgumentException("group '" + p.group() + "' " + (hasBias ? "needs" : "has no") + " bias");
        }
        if (bias != null) {
            if (bias.length != channels) {
                throw new IllegalArgumentException("bias of " + bias.length + " values for " + channels
                        + " channels");
            }
            dram.writeInt32(p.dram().region("bias"), VtaPacking.packBias(bias, p.config().blockOut(),
                    p.config().batch()));
        }
    }
}
