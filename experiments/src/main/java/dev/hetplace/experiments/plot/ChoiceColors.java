package dev.hetplace.experiments.plot;

import java.awt.Color;
import java.util.List;

/**
 * A fixed colour per choice ({@code device:precision[:blocked]}) so every figure uses the same key: CPU choices in
 * greys and browns, VTA in greens, GPU in blues and purples; wider precisions darker.
 */
final class ChoiceColors {
    private static final List<String> ORDER = List.of("vta:int8:blocked", "vta:int8", "gpu:int8", "gpu:fp16",
            "gpu:bf16", "gpu:tf32", "gpu:fp32", "cpu:int8:blocked", "cpu:int8", "cpu:fp16", "cpu:bf16", "cpu:fp32");
    private static final Color[] COLORS = {new Color(0x1B9E77), new Color(0x66C2A5), new Color(0x9ECAE1),
            new Color(0x4292C6), new Color(0x807DBA), new Color(0x2171B5), new Color(0x08306B), new Color(0xFDB863),
            new Color(0xE08214), new Color(0xB35806), new Color(0x8C510A), new Color(0x525252)};
    private static final Color OTHER = new Color(0xE7298A);

    private ChoiceColors() {
    }

    static Color of(String choice) {
        int i = ORDER.indexOf(choice);
        return i < 0 ? OTHER : COLORS[i];
    }

    static int compare(String a, String b) {
        int ia = ORDER.indexOf(a);
        int ib = ORDER.indexOf(b);
        if (ia < 0 && ib < 0) {
            return a.compareTo(b);
        }
        return Integer.compare(ia < 0 ? Integer.MAX_VALUE : ia, ib < 0 ? Integer.MAX_VALUE : ib);
    }
}
