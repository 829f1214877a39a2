package dev.hetplace.backends.vta.sim;

import dev.hetplace.backends.vta.VtaAluOpcode;
import java.util.Locale;

/**
 * One 128-bit VTA instruction, field for field as {@code hw_spec.h} lays them out (widths are checked by the
 * lowering, not here). Every instruction carries its {@link VtaDeps dependency-token flags}.
 */
public sealed interface VtaInstruction {

    VtaDeps deps();

    VtaInstruction withDeps(VtaDeps deps);

    /** The module whose command queue the fetch module dispatches this instruction to. */
    VtaModule module();

    /** A NOP: an instruction that moves no data and runs no op, only carrying dependency flags. */
    default boolean isNop() {
        return false;
    }

    /** One line for dumps and error messages, e.g. {@code LOAD INP sram=0 dram=123 y=10 x=58 ...}. */
    String describe();

    /**
     * LOAD of a 2-D DRAM region ({@code ySize} rows of {@code xSize} entries, {@code xStride} entries apart) into
     * SRAM at {@code sramBase}, with zero padding inserted around it on the fly: in SRAM the region occupies
     * {@code (yPadTop + ySize + yPadBottom) x (xPadLeft + xSize + xPadRight)} consecutive entries. UOP and ACC loads
     * run on the compute module, INP and WGT loads on the load module. With {@code xSize = 0} it is a NOP.
     */
    record Load(VtaDeps deps, VtaMemoryType memory, int sramBase, long dramBase, int ySize, int xSize, int xStride,
                int yPadTop, int yPadBottom, int xPadLeft, int xPadRight) implements VtaInstruction {
        public Load {
            if (memory == VtaMemoryType.OUT) {
                throw new IllegalArgumentException("LOAD cannot target the output buffer");
            }
            if (ySize < 0 || xSize < 0 || xStride < 0 || yPadTop < 0 || yPadBottom < 0 || xPadLeft < 0
                    || xPadRight < 0 || sramBase < 0 || dramBase < 0) {
                throw new IllegalArgumentException("LOAD fields must not be negative");
            }
        }

        /** A 2-D load without padding. */
        public static Load of(VtaMemoryType memory, int sramBase, long dramBase, int ySize, int xSize, int xStride) {
            return new Load(VtaDeps.NONE, memory, sramBase, dramBase, ySize, xSize, xStride, 0, 0, 0, 0);
        }

        /** TVM's NOP of a stage: a zero-sized LOAD INP (load module) or LOAD UOP (compute module). */
        public static Load nop(VtaModule module, VtaDeps deps) {
            if (module == VtaModule.STORE) {
                throw new IllegalArgumentException("the store module's NOP is a STORE");
            }
            return new Load(deps, module == VtaModule.LOAD ? VtaMemoryType.INP : VtaMemoryType.UOP, 0, 0, 0, 0, 0,
                    0, 0, 0, 0);
        }

        @Override
        public VtaInstruction withDeps(VtaDeps d) {
            return new Load(d, memory, sramBase, dramBase, ySize, xSize, xStride, yPadTop, yPadBottom, xPadLeft,
                    xPadRight);
        }

        @Override
        public VtaModule module() {
            return memory == VtaMemoryType.INP || memory == VtaMemoryType.WGT ? VtaModule.LOAD : VtaModule.COMPUTE;
        }

        @Override
        public boolean isNop() {
            return xSize == 0;
        }

        /** Entries read from DRAM. */
        public long dramEntries() {
            return (long) ySize * xSize;
        }

        public int rowEntries() {
            return xPadLeft + xSize + xPadRight;
        }

        /** Entries written to SRAM, padding included. */
        public long sramEntries() {
            return isNop() ? 0 : (long) (yPadTop + ySize + yPadBottom) * rowEntries();
        }

        @Override
        public String describe() {
            if (isNop()) {
                return "NOP-" + module().name() + " [" + deps.note() + "]";
            }
            return String.format(Locale.ROOT, "LOAD %s sram=%d dram=%d y=%d x=%d stride=%d pad=[%d,%d,%d,%d] [%s]",
                    memory, sramBase, dramBase, ySize, xSize, xStride, yPadTop, yPadBottom, xPadLeft, xPadRight,
                    deps.note());
        }
    }

    /** STORE of {@code ySize x xSize} output-buffer entries at {@code sramBase} to a 2-D DRAM region. */
    record Store(VtaDeps deps, int sramBase, long dramBase, int ySize, int xSize, int xStride)
            implements VtaInstruction {
        public Store {
            if (ySize < 0 || xSize < 0 || xStride < 0 || sramBase < 0 || dramBase < 0) {
                throw new IllegalArgumentException("STORE fields must not be negative");
            }
        }

        public static Store nop(VtaDeps deps) {
            return new Store(deps, 0, 0, 0, 0, 0);
        }

        @Override
        public VtaInstruction withDeps(VtaDeps d) {
            return new Store(d, sramBase, dramBase, ySize, xSize, xStride);
        }

        @Override
        public VtaModule module() {
            return VtaModule.STORE;
        }

        @Override
        public boolean isNop() {
            return xSize == 0;
        }

        public long entries() {
            return (long) ySize * xSize;
        }

        @Override
        public String describe() {
            if (isNop()) {
                return "NOP-STORE [" + deps.note() + "]";
            }
            return String.format(Locale.ROOT, "STORE sram=%d dram=%d y=%d x=%d stride=%d [%s]", sramBase, dramBase,
                    ySize, xSize, xStride, deps.note());
        }
    }

    /**
     * GEMM over the uops {@code [uopBegin, uopEnd)} inside the loops {@code iterOut x iterIn}: for every
     * (i, j, uop), {@code acc[dst] += inp[src] x wgt[wgt]^T} with dst = uop.dst + i*dstFactorOut + j*dstFactorIn
     * (likewise src and wgt); with {@code reset} it zeroes {@code acc[dst]} instead.
     */
    record Gemm(VtaDeps deps, boolean reset, int uopBegin, int uopEnd, int iterOut, int iterIn, int dstFactorOut,
                int dstFactorIn, int srcFactorOut, int srcFactorIn, int wgtFactorOut, int wgtFactorIn)
            implements VtaInstruction {
        public Gemm {
            if (uopBegin < 0 || uopEnd < uopBegin || iterOut < 1 || iterIn < 1) {
                throw new IllegalArgumentException("GEMM needs a uop range and loop extents of at least 1");
            }
        }

        @Override
        public VtaInstruction withDeps(VtaDeps d) {
            return new Gemm(d, reset, uopBegin, uopEnd, iterOut, iterIn, dstFactorOut, dstFactorIn, srcFactorOut,
                    srcFactorIn, wgtFactorOut, wgtFactorIn);
        }

        @Override
        public VtaModule module() {
            return VtaModule.COMPUTE;
        }

        /** Uop executions. */
        public long ops() {
            return (long) iterOut * iterIn * (uopEnd - uopBegin);
        }

        @Override
        public String describe() {
            return String.format(Locale.ROOT, "GEMM%s uop=[%d,%d) out=%dx(%d,%d,%d) in=%dx(%d,%d,%d) [%s]",
                    reset ? " reset" : "", uopBegin, uopEnd, iterOut, dstFactorOut, srcFactorOut, wgtFactorOut,
                    iterIn, dstFactorIn, srcFactorIn, wgtFactorIn, deps.note());
        }
    }

    /**
     * ALU over the uops {@code [uopBegin, uopEnd)} inside the loops: {@code acc[dst] = op(acc[dst], useImm ? imm :
     * acc[src])} element-wise; the result is also written, truncated to 8 bits, to the output buffer.
     */
    record Alu(VtaDeps deps, VtaAluOpcode opcode, boolean useImm, int imm, int uopBegin, int uopEnd, int iterOut,
               int iterIn, int dstFactorOut, int dstFactorIn, int srcFactorOut, int srcFactorIn)
            implements VtaInstruction {
        public Alu {
            if (uopBegin < 0 || uopEnd < uopBegin || iterOut < 1 || iterIn < 1) {
                throw new IllegalArgumentException("ALU needs a uop range and loop extents of at least 1");
            }
            if (imm < VtaAluImmediates.MIN_IMM || imm > VtaAluImmediates.MAX_IMM) {
                throw new IllegalArgumentException("ALU immediate " + imm + " does not fit 16 bits");
            }
        }

        @Override
        public VtaInstruction withDeps(VtaDeps d) {
            return new Alu(d, opcode, useImm, imm, uopBegin, uopEnd, iterOut, iterIn, dstFactorOut, dstFactorIn,
                    srcFactorOut, srcFactorIn);
        }

        @Override
        public VtaModule module() {
            return VtaModule.COMPUTE;
        }

        public long ops() {
            return (long) iterOut * iterIn * (uopEnd - uopBegin);
        }

        @Override
        public String describe() {
            return String.format(Locale.ROOT, "ALU %s%s uop=[%d,%d) out=%dx(%d,%d) in=%dx(%d,%d) [%s]", opcode,
                    useImm ? " imm=" + imm : "", uopBegin, uopEnd, iterOut, dstFactorOut, srcFactorOut, iterIn,
                    dstFactorIn, srcFactorIn, deps.note());
        }
    }

    /** FINISH: raised by the compute module once everything before it has completed. */
    record Finish(VtaDeps deps) implements VtaInstruction {
        @Override
        public VtaInstruction withDeps(VtaDeps d) {
            return new Finish(d);
        }

        @Override
        public VtaModule module() {
            return VtaModule.COMPUTE;
        }

        @Override
        public String describe() {
            return "FINISH [" + deps.note() + "]";
        }
    }
}
