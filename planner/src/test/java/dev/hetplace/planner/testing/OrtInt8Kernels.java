package dev.hetplace.planner.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which int8 GEMM path ONNX Runtime's CPU provider (MLAS) takes on this machine, which decides its int8 results.
 * Without VNNI, x86 u8 x s8 products saturate in 16-bit pairs ({@code vpmaddubsw}), so ORT rewrites int8 weights to
 * uint8 ({@code Avx2WeightS8ToU8Transformer}, {@code MlasPlatformU8S8Overflow}); with AVX-512 VNNI or AVX-VNNI the
 * products accumulate in 32 bits and nothing is rewritten. The same export therefore measures a different SQNR on
 * the two kinds of machine, and tests pin one figure per kind.
 */
public enum OrtInt8Kernels {
    /** x86-64 with VNNI ({@code avx512_vnni} or {@code avx_vnni}). */
    X86_VNNI,
    /** x86-64 with AVX2 and no VNNI: weights rewritten to uint8. */
    X86_U8S8_REWRITE,
    /** Anything else (another ISA, or flags unreadable): no figure pinned. */
    OTHER;

    public static OrtInt8Kernels here() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!arch.equals("amd64") && !arch.equals("x86_64")) {
            return OTHER;
        }
        Set<String> flags = cpuFlags();
        if (flags.contains("avx512_vnni") || flags.contains("avx_vnni")) {
            return X86_VNNI;
        }
        return flags.contains("avx2") ? X86_U8S8_REWRITE : OTHER;
    }

    /**
     * Whether this CPU has AMX-INT8 ({@code amx_int8}), where ONNX Runtime 1.24.2's MLAS runs its AMX u8s8 GEMM, which
     * gives wrong results on some shapes (microsoft/onnxruntime#26324; fixed after 1.24 by #27671, "corrects the AMX
     * U8S8 32-row kernel path").
     */
    public static boolean amx() {
        return cpuFlags().contains("amx_int8");
    }

    private static Set<String> cpuFlags() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("flags"))
                    .findFirst().map(l -> Arrays.stream(l.substring(l.indexOf(':') + 1).trim().split("\\s+"))
                            .collect(Collectors.toSet())).orElse(Set.of());
        } catch (IOException e) {
            return Set.of();
        }
    }
}
