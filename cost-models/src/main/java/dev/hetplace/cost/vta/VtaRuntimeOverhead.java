package dev.hetplace.cost.vta;

import dev.hetplace.backends.vta.VtaCounters;
import dev.hetplace.backends.vta.VtaPlan;
import dev.hetplace.hw.VtaConfig;
import dev.hetplace.hw.VtaRuntime;
import java.util.Locale;

/**
 * What TVM's VTA runtime spends on one VTA kernel beyond the kernel's own cycles, term by term, in nanoseconds.
 * TVM runs every packed VTA operator as one call that builds the kernel's whole instruction stream on the host,
 * then hands it to VTA and waits ({@code VTASynchronize} at the end of each operator), so every term is serial with
 * the kernel. Sources: apache/tvm {@code vta/runtime/runtime.cc} at 2dbab710 (the last stored version, as in
 * v0.18.0) and apache/tvm-vta {@code src/pynq/pynq_driver.cc} at 62699393 (the Zynq boards' driver):
 * <ul>
 *   <li>{@code dispatch}: the graph executor calls the operator's packed function (GraphExecutor::Run's loop over
 *       op_execs_ in src/runtime/graph_executor/graph_executor.cc);</li>
 *   <li>{@code stream}: one runtime call per instruction: LoadBuffer2D / StoreBuffer2D (runtime.cc:1049, 1069, each
 *       through DataBuffer::FromHandle's locked set lookup, 204 and 112), PushGEMMOp / PushALUUop (1154, 1173:
 *       UopKernelMap::Get 565, UopQueue::Push 442, the uop LOAD it emits), each appending to the instruction
 *       vector (NextInsn 922) and checking for overflow (CheckInsnOverFlow 1282), plus the FINISH Synchronize adds
 *       (1106);</li>
 *   <li>{@code uopStaging}: UopQueue::ReadBarrier (517) copies every uop kernel of the call into an aligned buffer
 *       (memcpy, 540) and that into the DMA buffer (VTAMemCopyFromHost, 543; a memcpy in pynq_driver.cc:44);</li>
 *   <li>{@code insnStaging}: InsnQueue::ReadBarrier (906) copies the 16-byte instructions into the DMA buffer
 *       (912);</li>
 *   <li>{@code launch}: VTADeviceRun (runtime.cc:1138, pynq_driver.cc:113) writes 11 control registers to start
 *       (116-128) and 3 to stop (144-146), uncached through /dev/mem (72);</li>
 *   <li>{@code completion}: the done polls (131, 138) read a register and yield between reads: two reads at least,
 *       and on average half a poll period after VTA finishes;</li>
 *   <li>{@code fetch}: VTA's fetch module reads the instruction stream over the same memory port as the data, which
 *       the kernel's cycle model leaves to the data;</li>
 *   <li>{@code cacheMaintenance}: the flushes of the uop and instruction buffers (549, 916) and of data buffers
 *       (DataBuffer::FlushCache / InvalidateCache, 145-157, VTABufferCopy 1310) run only when the runtime is built
 *       with {@code VTA_COHERENT_ACCESSES=false} (runtime.cc:49); tvm-vta's config/pkg_config.py builds every
 *       board coherent, so this term is 0 on the shipped profiles.</li>
 * </ul>
 * Not priced: building the uop kernels (finit, first call only: UopKernelMap caches them across calls), buffer
 * allocation (once, at graph set-up), the data barriers of a non-coherent build (whether TVM's VTA lowering calls
 * VTAReadBarrier / VTAWriteBarrier was not established), the graph's input copy (set_input, outside {@code run}).
 */
public record VtaRuntimeOverhead(long kernels, long instructions, long uopBytes, long dispatchNs, long streamNs,
                                 long uopStagingNs, long insnStagingNs, long launchNs, long completionNs,
                                 long fetchNs, long cacheMaintenanceNs) {
    /** Bytes of one VTA instruction (VTAGenericInsn, 128 bits). */
    public static final int INSN_BYTES = 16;
    /** Register writes of one VTADeviceRun: 7 addresses and counts, 4 starts, 3 auto-restart disables. */
    public static final int LAUNCH_REGISTER_WRITES = 14;
    /** Register reads at least: one fetch-done and one compute-done poll. */
    public static final int COMPLETION_REGISTER_READS = 2;

    public static final VtaRuntimeOverhead NONE = new VtaRuntimeOverhead(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** The overhead of running {@code plan} as one TVM operator; {@link #NONE} when its board prices none. */
    public static VtaRuntimeOverhead of(VtaPlan plan) {
        VtaConfig c = plan.config();
        VtaRuntime r = c.runtime();
        if (!r.priced()) {
            return NONE;
        }
        VtaCounters t = plan.total();
        long instructions = t.loadInsns() + t.gemmInsns() + t.aluInsns() + t.storeInsns() + 1;
        long insnBytes = instructions * INSN_BYTES;
        long uopBytes = t.uopLoadBytes();
        double portBytesPerNs = c.memoryBytesPerCycle() * c.clockMHz() / 1000.0;
        return new VtaRuntimeOverhead(1, instructions, uopBytes,
                Math.round(r.dispatchUs() * 1000),
                Math.round(instructions * r.insnNs()),
                Math.round(2.0 * uopBytes / r.memcpyGBps()),
                Math.round(insnBytes / r.memcpyGBps()),
                Math.round(LAUNCH_REGISTER_WRITES * r.mmioWriteNs()),
                Math.round(COMPLETION_REGISTER_READS * r.mmioReadNs() + (r.mmioReadNs() + r.yieldUs() * 1000) / 2),
                Math.round(insnBytes / portBytesPerNs),
                r.coherent() ? 0 : Math.round((uopBytes + insnBytes) * r.flushNsPerByte()));
    }

    public long totalNs() {
        return dispatchNs + streamNs + uopStagingNs + insnStagingNs + launchNs + completionNs + fetchNs
                + cacheMaintenanceNs;
    }

    public VtaRuntimeOverhead plus(VtaRuntimeOverhead o) {
        return new VtaRuntimeOverhead(kernels + o.kernels, instructions + o.instructions, uopBytes + o.uopBytes,
                dispatchNs + o.dispatchNs, streamNs + o.streamNs, uopStagingNs + o.uopStagingNs,
                insnStagingNs + o.insnStagingNs, launchNs + o.launchNs, completionNs + o.completionNs,
                fetchNs + o.fetchNs, cacheMaintenanceNs + o.cacheMaintenanceNs);
    }

    /** E.g. {@code TVM runtime 412.3 us: 1043 instructions, dispatch 1.0, stream 401.6, ...}. */
    public String note() {
        return String.format(Locale.ROOT, "TVM runtime %.1f us: %d instructions, dispatch %.1f, stream %.1f, uop staging"
                        + " %.1f, insn staging %.1f, launch %.1f, completion %.1f, fetch %.1f, cache %.1f",
                totalNs() / 1000.0, instructions, dispatchNs / 1000.0, streamNs / 1000.0, uopStagingNs / 1000.0,
                insnStagingNs / 1000.0, launchNs / 1000.0, completionNs / 1000.0, fetchNs / 1000.0,
                cacheMaintenanceNs / 1000.0);
    }
}
