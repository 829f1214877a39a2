package dev.hetplace.backends.vta;

import dev.hetplace.backends.vta.VtaEpilogues.Activation;
import java.util.List;

/** The distinct conv, dense and ALU-only workloads of ResNet-18 (torchvision layout, BN folded into bias). */
final class ResNet18VtaWorkloads {
    private ResNet18VtaWorkloads() {
    }

    static VtaConvWorkload conv(int ci, int hw, int co, int k, int stride, int pad, boolean relu) {
        return new VtaConvWorkload(1, ci, hw, hw, co, k, k, stride, stride, pad, pad, pad, pad, true,
                VtaEpilogues.afterGemm(true, relu ? Activation.RELU : Activation.NONE));
    }

    static final VtaConvWorkload STEM = conv(3, 224, 64, 7, 2, 3, true);
    static final VtaConvWorkload BLOCK_64 = conv(64, 56, 64, 3, 1, 1, true);

    static List<VtaConvWorkload> convs() {
        return List.of(STEM, BLOCK_64, conv(64, 56, 64, 3, 1, 1, false),
                conv(64, 56, 128, 3, 2, 1, true), conv(128, 28, 128, 3, 1, 1, false),
                conv(64, 56, 128, 1, 2, 0, false), conv(128, 28, 256, 3, 2, 1, true),
                conv(256, 14, 256, 3, 1, 1, false), conv(128, 28, 256, 1, 2, 0, false),
                conv(256, 14, 512, 3, 2, 1, true), conv(512, 7, 512, 3, 1, 1, false),
                conv(256, 14, 512, 1, 2, 0, false));
    }

    static VtaDenseWorkload fc() {
        return new VtaDenseWorkload(1, 512, 1000, true, VtaEpilogues.afterGemm(true));
    }

    static List<VtaAluWorkload> residualAdds() {
        return List.of(add(64, 56), add(128, 28), add(256, 14), add(512, 7));
    }

    static VtaAluWorkload add(int c, int hw) {
        return new VtaAluWorkload(1, c, hw, hw, 2, VtaEpilogues.eltwiseAdd(2, Activation.RELU));
    }
}
