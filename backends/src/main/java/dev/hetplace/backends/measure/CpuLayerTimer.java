package dev.hetplace.backends.measure;

import dev.hetplace.backends.cpu.Conv2dKernel;
import dev.hetplace.backends.cpu.DenseKernel;
import dev.hetplace.backends.cpu.FloatTensor;
import dev.hetplace.backends.cpu.Int8Tensor;
import dev.hetplace.backends.cpu.Parallel;
import dev.hetplace.backends.cpu.Shape;
import dev.hetplace.backends.quant.QuantParams;
import dev.hetplace.ir.Graph;
import dev.hetplace.ir.Layer;
import dev.hetplace.ir.op.Conv2d;
import dev.hetplace.ir.op.Dense;
import dev.hetplace.ir.tensor.TensorType;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Times one conv2d or dense layer on this machine's CPU kernels, in fp32 and int8 (int32 accumulation, TVM's
 * requantization), and the casts around it (quantizing its fp32 input, dequantizing its int8 output): each after
 * {@code warmups} untimed runs, over {@code repeats} timed runs. Values are seeded random; kernel time does not
 * depend on them.
 */
public final class CpuLayerTimer {
    private static final int ACTIVATION_LOG2 = -4;
    private static final int WEIGHT_LOG2 = -7;

    private final Parallel par;
    private final int warmups;
    private final int repeats;

    /** A layer's timings: its shape and batch as a measurement table keys them, and the four medians with spread. */
    public record LayerTimings(LayerShape shape, int batch, TimingStats fp32, TimingStats int8, TimingStats quantize,
                               TimingStats dequantize) {
    }

    public CpuLayerTimer(Parallel par, int warmups, int repeats) {
        if (warmups < 0 || repeats < 1) {
            throw new IllegalArgumentException("a layer timer needs at least 1 repeat and no negative warm-ups, got "
                    + repeats + " and " + warmups);
        }
        this.par = par;
        this.warmups = warmups;
        this.repeats = repeats;
    }

    /**
     * The layer's measurement-table shape and batch (dense: rows): a conv2d with equal strides, one symmetric
     * padding and no dilation, or a dense layer; empty for anything else, which the table cannot hold.
     */
    public static Optional<LayerShape> shapeOf(Graph g, Layer l) {
        TensorType in = g.inputTypes(l).isEmpty() ? null : g.inputTypes(l).get(0);
        if (l.op() instanceof Conv2d c && in != null && in.rank() == 4) {
            var p = c.padding();
            boolean regular = p.top() == p.bottom() && p.left() == p.right() && p.top() == p.left()
                    && c.strideH() == c.strideW() && c.dilationH() == 1 && c.dilationW() == 1 && in.dim(0) == 1;
            return regular ? Optional.of(new LayerShape("conv2d", in.dim(1), in.dim(2), in.dim(3), c.outChannels(),
                    c.kernelH(), c.kernelW(), c.strideH(), p.top(), c.groups(), l.output().dim(2),
                    l.output().dim(3))) : Optional.empty();
        }
        if (l.op() instanceof Dense d && in != null) {
            return Optional.of(LayerShape.dense(in.dim(-1), d.units()));
        }
        return Optional.empty();
    }

    /** Rows of a dense layer's input (its batch in a table); 1 for a conv. */
    public static int batchOf(Graph g, Layer l) {
        TensorType in = g.inputTypes(l).get(0);
        return l.op() instanceof Dense ? (int) (in.elements() / in.dim(-1)) : 1;
    }

    public LayerTimings time(Graph g, Layer l) {
        LayerShape shape = shapeOf(g, l).orElseThrow(() -> new IllegalArgumentException("layer '" + l.name()
                + "' (" + l.ref() + ", " + l.opName() + ") is not a conv2d or dense a measurement table can hold"));
        Random rnd = new Random(l.name().hashCode());
        TensorType inType = g.inputTypes(l).get(0);
        FloatTensor x = new FloatTensor(Shape.of(inType), gaussian(rnd, (int) inType.elements()));
        Int8Tensor xq = Int8Tensor.quantize(x, ACTIVATION_LOG2);
        long wCount = g.params(l) - (hasBias(l) ? outFeatures(l) : 0);
        float[] w = gaussian(rnd, (int) wCount);
        float[] b = hasBias(l) ? gaussian(rnd, outFeatures(l)) : null;
        byte[] wq = new byte[w.length];
        for (int i = 0; i < w.length; i++) {
            wq[i] = (byte) Math.max(-127, Math.min(127, Math.round(w[i] * 32)));
        }
        int[] bq = b == null ? null : new int[b.length];
        QuantParams q = new QuantParams(ACTIVATION_LOG2, WEIGHT_LOG2, ACTIVATION_LOG2);
        Supplier<Object> fp32;
        Supplier<Int8Tensor> int8;
        if (l.op() instanceof Conv2d c) {
            fp32 = () -> Conv2dKernel.fp32(c, x, w, b, par);
            int8 = () -> Conv2dKernel.int8(c, xq, wq, bq, q, par);
        } else {
            Dense d = (Dense) l.op();
            fp32 = () -> DenseKernel.fp32(x, d.units(), w, b, par);
            int8 = () -> DenseKernel.int8(xq, d.units(), wq, bq, q, par);
        }
        Int8Tensor y = int8.get();
        return new LayerTimings(shape, batchOf(g, l), time(fp32), time(int8::get),
                time(() -> Int8Tensor.quantize(x, ACTIVATION_LOG2)), time(y::dequantize));
    }

    private TimingStats time(Supplier<?> run) {
        Object sink = null;
        for (int i = 0; i < warmups; i++) {
            sink = run.get();
        }
        long[] ns = new long[repeats];
        for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            sink = run.get();
            ns[i] = System.nanoTime() - t0;
        }
        if (sink == null) {
            throw new IllegalStateException("a timed kernel returned nothing");
        }
        return TimingStats.of(ns);
    }

    private static boolean hasBias(Layer l) {
        return l.op() instanceof Conv2d c ? c.bias() : ((Dense) l.op()).bias();
    }

    private static int outFeatures(Layer l) {
        return l.op() instanceof Conv2d c ? c.outChannels() : ((Dense) l.op()).units();
    }

    private static float[] gaussian(Random rnd, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) rnd.nextGaussian();
        }
        return a;
    }
}
