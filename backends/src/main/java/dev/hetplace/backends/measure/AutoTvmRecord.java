package dev.hetplace.backends.measure;

import dev.hetplace.hw.Layout;
import dev.hetplace.hw.Precision;
import dev.hetplace.hw.VtaConfig;
import java.util.List;
import java.util.Map;

/**
 * One AutoTVM / TopHub tuning record (log format 0.2), mapped to hetplace's terms.
 *
 * @param line          1-based line in the log file
 * @param target        TVM target string, e.g. {@code ext_dev -device=vta -keys=cpu -model=pynq_1x16_i8w8a32_15_15_18_17}
 * @param taskName      the template, e.g. {@code conv2d_packed.vta}
 * @param device        platform device id the target runs on: {@code vta} or {@code cpu}
 * @param model         the target's {@code -model=} value (for VTA the bitstream string
 *                      {@code <board>_<BATCH>x<BLOCK>_i8w8a32_<uop>_<inp>_<wgt>_<acc>}); empty if none
 * @param layout        {@link Layout#BLOCKED} for VTA's packed tensors, {@link Layout#PLAIN} for NCHW
 * @param precision     the data tensor's element type ({@code int8} for VTA, {@code fp32} for arm_cpu)
 * @param shape         the logical layer (blocked shapes unpacked: C = data[1] x data[5], C_out = kernel[0] x
 *                      kernel[4]); for asymmetric stride or padding it holds the height values
 * @param batch         the logical batch (packed: data[0] x data[4])
 * @param strides       [stride_h, stride_w]
 * @param padding       [top, left, bottom, right]
 * @param dilation      [dilation_h, dilation_w] ([1, 1] for templates without one)
 * @param splits        split knobs ({@code tile_*}), factors as logged ({@code -1}: TVM's "remaining" placeholder)
 * @param options       scalar knobs ({@code oc_nthread}, {@code h_nthread})
 * @param otherKnobs    reorder and annotate knobs, as their JSON text
 * @param costSeconds   the measured run time (the first of {@code costs}); 1e9 when {@code errorNo != 0}
 * @param errorNo       TVM's MeasureErrorNo, 0 when the measurement succeeded
 * @param timestamp     Unix seconds at the end of the measurement
 */
public record AutoTvmRecord(int line, String target, String taskName, String device, String model, Layout layout,
                            Precision precision, LayerShape shape, int batch, List<Integer> strides,
                            List<Integer> padding, List<Integer> dilation, Map<String, List<Integer>> splits,
                            Map<String, Integer> options, Map<String, String> otherKnobs, double costSeconds,
                            int errorNo, double timestamp) {

    public AutoTvmRecord {
        strides = List.copyOf(strides);
        padding = List.copyOf(padding);
        dilation = List.copyOf(dilation);
        splits = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(splits));
        options = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options));
        otherKnobs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(otherKnobs));
    }

    public boolean succeeded() {
        return errorNo == 0;
    }

    public long costNs() {
        return Math.round(costSeconds * 1e9);
    }

    /** Whether this VTA record was tuned for the given configuration (its model string ends in the config's). */
    public boolean tunedFor(VtaConfig config) {
        return device.equals("vta") && model.endsWith("_" + config.modelString());
    }
}
