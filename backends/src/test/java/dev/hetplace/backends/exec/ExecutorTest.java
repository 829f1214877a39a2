package dev.hetplace.backends.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hetplace.backends.cpu.Conv2dKernel;
import dev.hetplace.backends.cpu.DenseKernel;
import dev.hetplace.backends.cpu.FloatTensor;
import dev.hetplace.backends.cpu.Int8Tensor;
import dev.hetplace.backends.cpu.Parallel;
import dev.hetplace.backends.cpu.Shape;
import dev.hetplace.backends.quant.CalibrationMode;
import dev.hetplace.backends.quant.QuantParams;
import dev.hetplace.backends.quant.Requantize;
import dev.hetplace.hw.Choice;
import dev.hetplace.hw.DeviceKind;
import dev.hetplace.hw.Layout;
import dev.hetplace.hw.Precision;
import dev.hetplace.ir.Graph;
import dev.hetplace.ir.GraphBuilder;
import dev.hetplace.ir.GroupedGraph;
import dev.hetplace.ir.Layer;
import dev.hetplace.ir.op.Conv2d;
import dev.hetplace.ir.op.Flatten;
import dev.hetplace.ir.op.Opaque;
import dev.hetplace.ir.pass.BatchNormFolding;
import dev.hetplace.ir.pass.Grouping;
import dev.hetplace.ir.tensor.TensorType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecutorTest {
    private static final Parallel PAR = Parallel.common();

    /** A graph with its synthetic weights, calibration inputs and scales, ready to execute. */
    private record Model(GroupedGraph grouped, ModelWeights weights, CalibrationInputs inputs, Executor executor) {
        static Model of(Graph g, int samples, CalibrationMode mode) {
            Graph folded = BatchNormFolding.apply(g);
            CalibrationInputs in = CalibrationInputs.synthetic(folded, samples, 7);
            ModelWeights w = SyntheticWeights.generate(folded, 11, in, PAR);
            ActivationScales s = Calibration.calibrate(folded, w, in, mode, PAR);
            return new Model(Grouping.apply(folded), w, in, new Executor(w, s, PAR));
        }

        Graph graph() {
            return grouped.graph();
        }

        List<float[]> outputs(ExecutionPlan plan) {
            List<float[]> out = new ArrayList<>();
            for (ExecutionResult r : executor.runAll(grouped, plan, inputs)) {
                out.add(r.output(0));
            }
            return out;
        }

        List<float[]> reference() {
            List<float[]> out = new ArrayList<>();
            for (float[][] s : inputs.samples()) {
                out.add(executor.runFp32(graph(), s).get(0));
            }
            return out;
        }
    }

    private static final Model RESNET = Model.of(TestGraphs.smallResnet(), 4, CalibrationMode.GLOBAL_SCALE);

    private static ExecutionPlan all(Model m, Precision p) {
        return ExecutionPlan.allCpu(m.grouped(), p);
    }

    @Test
    void fp32PlanReproducesTheFp32Reference() {
        List<float[]> ref = RESNET.reference();
        List<float[]> out = RESNET.outputs(all(RESNET, Precision.FP32));
        for (int s = 0; s < ref.size(); s++) {
            assertThat(out.get(s)).containsExactly(ref.get(s));
        }
        assertThat(Sqnr.db(ref, out)).isInfinite();
    }

    @Test
    void allInt8WithGlobalScaleIsCloseToFp32AndEachNarrowerFloatIsCloserThanInt8() {
        List<float[]> ref = RESNET.reference();
        double int8 = Sqnr.db(ref, RESNET.outputs(all(RESNET, Precision.INT8)));
        double bf16 = Sqnr.db(ref, RESNET.outputs(all(RESNET, Precision.BF16)));
        double fp16 = Sqnr.db(ref, RESNET.outputs(all(RESNET, Precision.FP16)));
        double tf32 = Sqnr.db(ref, RESNET.outputs(all(RESNET, Precision.TF32)));
        assertThat(int8).isFinite().isPositive();
        // 8 bits of significand give about 6 dB per bit less than 11
        assertThat(bf16).isGreaterThan(int8);
        assertThat(fp16).isGreaterThan(bf16 + 12);
        assertThat(tf32).isGreaterThan(bf16 + 12);
    }

    @Test
    void maxCalibrationKeepsSmallRangeTensorsThatTheGlobalScaleFlattens() {
        // inputs of standard deviation 1/64 are a quarter of a code at TVM's global scale 2^-4; max calibration
        // gives the input tensor a scale fitted to its range
        Graph g = BatchNormFolding.apply(TestGraphs.smallResnet());
        List<float[][]> small = new ArrayList<>();
        for (float[][] s : CalibrationInputs.synthetic(g, 3, 5).samples()) {
            float[] x = s[0].clone();
            for (int i = 0; i < x.length; i++) {
                x[i] /= 64;
            }
            small.add(new float[][] {x});
        }
        CalibrationInputs in = new CalibrationInputs(small, "synthetic / 64");
        ModelWeights w = SyntheticWeights.generate(g, 3, in, PAR);
        GroupedGraph gg = Grouping.apply(g);
        double[] sqnr = new double[2];
        for (CalibrationMode mode : CalibrationMode.values()) {
            ActivationScales scales = Calibration.calibrate(g, w, in, mode, PAR);
            Executor e = new Executor(w, scales, PAR);
            List<float[]> ref = new ArrayList<>();
            List<float[]> int8 = new ArrayList<>();
            for (float[][] s : in.samples()) {
                ref.add(e.runFp32(g, s).get(0));
                int8.add(e.run(gg, ExecutionPlan.allCpu(gg, Precision.INT8), s).output(0));
            }
            sqnr[mode.ordinal()] = Sqnr.db(ref, int8);
            if (mode == CalibrationMode.MAX) {
                // here max |x| = 3.896 / 64 = 0.0609, in (1/32, 1/16]: scale 2^-4 / 128 = 2^-11
                assertThat(scales.log2(0)).isEqualTo(-11);
            }
        }
        assertThat(sqnr[CalibrationMode.MAX.ordinal()]).isGreaterThan(sqnr[CalibrationMode.GLOBAL_SCALE.ordinal()] + 6);
    }

    @Test
    void vtaGroupsRunTheCpuInt8KernelsAndGiveTheSameNumbers() {
        ExecutionPlan cpu = all(RESNET, Precision.INT8);
        ExecutionPlan vta = ExecutionPlan.uniform(RESNET.grouped(), new Choice("vta", Precision.INT8, Layout.BLOCKED),
                DeviceKind.VTA);
        List<float[]> a = RESNET.outputs(cpu);
        List<float[]> b = RESNET.outputs(vta);
        for (int s = 0; s < a.size(); s++) {
            assertThat(b.get(s)).containsExactly(a.get(s));
        }
        ExecutionPlan fp32OnVta = vta.with(0, new Choice("vta", Precision.FP32, Layout.BLOCKED));
        assertThatThrownBy(() -> RESNET.executor().run(RESNET.grouped(), fp32OnVta, RESNET.inputs().sample(0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("group g0 ('conv0') is placed on vta (a VTA) at fp32, but VTA computes only int8");
    }

    @Test
    void aMixedPlanQuantizesAndDequantizesAtItsBoundaries() {
        GraphBuilder b = new GraphBuilder("conv-dense");
        int x = b.input("data", TensorType.fp32(1, 3, 6, 6));
        int c = b.relu("relu", b.add("conv", Conv2d.square(4, 3, 1, 1, true), x));
        int f = b.add("flatten", new Flatten(1), c);
        Graph g = b.build(b.dense("fc", f, 5));
        Model m = Model.of(g, 2, CalibrationMode.GLOBAL_SCALE);
        // groups: conv+relu, flatten, fc; conv in int8, the rest in fp32
        assertThat(m.grouped().size()).isEqualTo(3);
        Choice int8 = new Choice("cpu", Precision.INT8, Layout.PLAIN);
        ExecutionPlan plan = all(m, Precision.FP32).with(0, int8);
        float[] input = m.inputs().sample(0)[0];
        ExecutionResult r = m.executor().run(m.grouped(), plan, input);

        // by hand: quantize the input at 2^-4, int8 conv with max-|w| weight scale, ReLU, dequantize, fp32 dense
        Layer conv = g.layer(g.idOf("conv"));
        float[] w = m.weights().require(conv, "weight");
        float[] bias = m.weights().require(conv, "bias");
        double maxW = 0;
        for (float v : w) {
            maxW = Math.max(maxW, Math.abs(v));
        }
        int wLog2 = Requantize.log2ForRange(maxW);
        byte[] qw = new byte[w.length];
        for (int i = 0; i < w.length; i++) {
            qw[i] = Requantize.quantize(w[i], wLog2);
        }
        int[] qb = new int[bias.length];
        for (int i = 0; i < bias.length; i++) {
            qb[i] = Requantize.quantizeBias(bias[i], -4 + wLog2);
        }
        Int8Tensor qin = Int8Tensor.quantize(new FloatTensor(Shape.of(1, 3, 6, 6), input), -4);
        Int8Tensor qconv = Conv2dKernel.int8((Conv2d) conv.op(), qin, qw, qb, new QuantParams(-4, wLog2, -4), PAR);
        float[] relu = qconv.dequantize().data();
        for (int i = 0; i < relu.length; i++) {
            relu[i] = Math.max(relu[i], 0);
        }
        Layer fc = g.layer(g.idOf("fc"));
        FloatTensor expected = DenseKernel.fp32(new FloatTensor(Shape.of(1, relu.length), relu), 5,
                m.weights().require(fc, "weight"), m.weights().require(fc, "bias"), PAR);
        assertThat(r.output(0)).containsExactly(expected.data());

        assertThat(r.groups()).hasSize(3);
        GroupStats first = r.groups().get(0);
        assertThat(first.choice()).isEqualTo(int8);
        assertThat(first.outputMin()).isGreaterThanOrEqualTo(0f);
        assertThat(first.outputMax()).isLessThanOrEqualTo(127 / 16f).isGreaterThan(0f);
        assertThat(r.groups()).allSatisfy(s -> assertThat(s.computeNs()).isPositive());
    }

    @Test
    void aSqueezeNetLikeGraphRunsInInt8() {
        Model m = Model.of(TestGraphs.squeezeNetLike(39, 10), 3, CalibrationMode.MAX);
        List<float[]> ref = m.reference();
        List<float[]> int8 = m.outputs(all(m, Precision.INT8));
        assertThat(ref.get(0)).hasSize(10);
        assertThat(Sqnr.db(ref, int8)).isFinite().isPositive();
    }

    @Test
    void opaqueLayersFailNamingOpAndLayer() {
        GraphBuilder b = new GraphBuilder("with-opaque");
        int x = b.input("data", TensorType.fp32(1, 4));
        Graph g = b.build(b.add("weird", new Opaque("NonMaxSuppression", TensorType.fp32(1, 4), 0), x));
        Executor e = new Executor(new ModelWeights(dev.hetplace.ir.Weights.NONE, WeightSource.synthetic(1)),
                ActivationScales.globalScale(g.size()), PAR);
        GroupedGraph gg = Grouping.apply(g);
        assertThatThrownBy(() -> e.run(gg, ExecutionPlan.allCpu(gg, Precision.FP32), new float[4]))
                .isInstanceOf(UnsupportedLayerException.class)
                .hasMessage("layer 'weird' (#1) is op 'NonMaxSuppression', which hetplace does not model and cannot"
                        + " execute");
        assertThatThrownBy(() -> e.run(gg, ExecutionPlan.allCpu(gg, Precision.INT8), new float[4]))
                .isInstanceOf(UnsupportedLayerException.class).hasMessageContaining("'NonMaxSuppression'");
    }

    @Test
    void badPlansAndInputsAreRejected() {
        ExecutionPlan empty = new ExecutionPlan(java.util.Map.of(), java.util.Map.of());
        float[] input = RESNET.inputs().sample(0)[0];
        assertThatThrownBy(() -> RESNET.executor().run(RESNET.grouped(), empty, input))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("execution plan has no choice for group g0");
        assertThatThrownBy(() -> RESNET.executor().run(RESNET.grouped(), all(RESNET, Precision.FP32), new float[5]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("input 'data' needs 3072 values (1x3x32x32), got 5");
    }
}
