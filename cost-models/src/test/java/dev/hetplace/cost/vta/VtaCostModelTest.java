package dev.hetplace.cost.vta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hetplace.backends.vta.VtaPlan;
import dev.hetplace.backends.vta.VtaUnsupportedException;
import dev.hetplace.cost.Cost;
import dev.hetplace.cost.CostSource;
import dev.hetplace.hw.CpuParams;
import dev.hetplace.hw.Device;
import dev.hetplace.hw.DeviceKind;
import dev.hetplace.hw.Layout;
import dev.hetplace.hw.Precision;
import dev.hetplace.hw.VtaConfig;
import dev.hetplace.ir.Graph;
import dev.hetplace.ir.GraphBuilder;
import dev.hetplace.ir.Group;
import dev.hetplace.ir.GroupedGraph;
import dev.hetplace.ir.Layer;
import dev.hetplace.ir.op.Conv2d;
import dev.hetplace.ir.op.Dense;
import dev.hetplace.ir.op.Eltwise;
import dev.hetplace.ir.pass.Grouping;
import dev.hetplace.ir.tensor.TensorType;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VtaCostModelTest {
    private static final Set<String> VTA_OPS = Set.of("conv2d", "dense", "add", "relu", "clip", "shift");
    private static final Device PYNQ_VTA = vta(VtaConfig.DEFAULT);
    private static final GroupedGraph RESNET18 = Grouping.apply(ResNet18Graph.build());

    private static Device vta(VtaConfig c) {
        return new Device("vta", DeviceKind.VTA, "VTA", List.of(Precision.INT8), VTA_OPS, 512L << 20, null, c, null);
    }

    private static VtaConfig variant(int logBlock, int logInpBuff) {
        VtaConfig d = VtaConfig.DEFAULT;
        return new VtaConfig(d.logBatch(), logBlock, logBlock, logInpBuff, d.logWgtBuffSize(), d.logAccBuffSize(),
                d.logUopBuffSize(), d.clockMHz(), d.memoryPortBits(), d.design());
    }

    private static Group named(GroupedGraph g, String name) {
        return g.groups().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
    }

    private static Optional<Cost> cost(VtaCostModel m, Group g, Device d, int batch) {
        return m.cost(RESNET18, g, d, Precision.INT8, Layout.BLOCKED, batch);
    }

    /** Padded MACs computed from the graph alone: channels rounded up to the block, batch to BATCH. */
    private static long paddedMacs(Layer anchor, List<TensorType> ins, VtaConfig c, int batch) {
        int bi = c.blockIn();
        int bo = c.blockOut();
        long b = (long) Math.ceil((double) batch / c.batch()) * c.batch();
        if (anchor.op() instanceof Conv2d conv) {
            TensorType out = anchor.output();
            return b * out.dim(2) * out.dim(3) * roundUp(out.dim(1), bo) * roundUp(ins.get(0).dim(1), bi)
                    * conv.kernelH() * conv.kernelW();
        }
        Dense dense = (Dense) anchor.op();
        return b * roundUp(dense.units(), bo) * roundUp(ins.get(0).dim(-1), bi);
    }

    private static long roundUp(long v, int block) {
        return (v + block - 1) / block * block;
    }

    @Test
    void physicalBoundsHoldOnEveryVtaGroupOfResnet18() {
        VtaCostModel model = new VtaCostModel();
        int costed = 0;
        for (int batch : new int[] {1, 3}) {
            for (Group g : RESNET18.groups()) {
                Layer anchor = RESNET18.anchor(g);
                Optional<Cost> c = cost(model, g, PYNQ_VTA, batch);
                boolean vtaOp = anchor.op() instanceof Conv2d || anchor.op() instanceof Dense
                        || anchor.op() instanceof Eltwise;
                assertThat(c.isPresent()).as(g.name()).isEqualTo(vtaOp);
                if (c.isEmpty()) {
                    continue;
                }
                long time = c.get().timeNs();
                if (c.get().fused()) {
                    // a residual add fused into the conv before it: what fusing it adds to that conv
                    VtaCostModel.FusedAdd f = model.fusedAdd(RESNET18, g, PYNQ_VTA, batch).orElseThrow();
                    assertThat(c.get().fusedInto()).isEqualTo(f.conv().id());
                    assertThat(RESNET18.consumers(f.conv().id())).containsExactly(g.id());
                    assertThat(time).as(g.name()).isPositive()
                            .isEqualTo(f.fused().timeNs() - f.alone().timeNs());
                    assertThat(c.get().note()).isEqualTo("fused into the conv before it (" + f.fused().tiling().note()
                            + ")");
                    var b = c.get().breakdown();
                    assertThat(b.computeNs() + b.loadNs() + b.storeNs()).isEqualTo(time);
                    assertThat(model.plan(RESNET18, g, PYNQ_VTA, batch)).isEmpty();
                    costed++;
                    continue;
                }
                VtaPlan plan = model.plan(RESNET18, g, PYNQ_VTA, batch).orElseThrow();
                if (!(anchor.op() instanceof Eltwise)) {
                    long macs = paddedMacs(anchor, RESNET18.graph().inputTypes(anchor), VtaConfig.DEFAULT, batch);
                    long floorNs = VtaPlan.cyclesToNs(macs / VtaConfig.DEFAULT.macsPerCycle(), VtaConfig.DEFAULT);
                    assertThat(time).as(g.name() + " above the MAC bound").isGreaterThanOrEqualTo(floorNs);
                }
                long ceilingNs = VtaPlan.cyclesToNs(plan.cycles().unoverlapped(), VtaConfig.DEFAULT);
                assertThat(time).as(g.name() + " below its unoverlapped DMA + compute + store")
                        .isLessThanOrEqualTo(ceilingNs).isPositive();
                assertThat(c.get().source()).isEqualTo(CostSource.ANALYTICAL);
                assertThat(c.get().note()).isEqualTo(plan.tiling().note());
                var b = c.get().breakdown();
                assertThat(b.computeNs() + b.loadNs() + b.storeNs()).isBetween(time - 1, time + 1);
                costed++;
            }
        }
        // 20 convs + fc + 8 residual adds (each fused into its block's second conv), at two batch sizes
        assertThat(costed).isEqualTo(2 * 29);
    }

    @Test
    void stemReportsThreeSixteenthsUsefulAndItsPaddingWaste() {
        Cost stem = cost(new VtaCostModel(), named(RESNET18, "conv1"), PYNQ_VTA, 1).orElseThrow();
        assertThat(stem.breakdown().usefulFraction()).isEqualTo(3.0 / 16);
        // 13/16 of the padded GEMM work: 118013952 * 16/3 MACs / 256 per cycle * 13/16 at 100 MHz
        assertThat(stem.breakdown().paddingWasteNs()).isEqualTo(19976320L);
        Cost block = cost(new VtaCostModel(), named(RESNET18, "layer1.0.conv1"), PYNQ_VTA, 1).orElseThrow();
        assertThat(block.breakdown().usefulFraction()).isEqualTo(1.0);
        assertThat(block.breakdown().paddingWasteNs()).isZero();
    }

    @Test
    void modelledTimesOnPynqAgainstThePlainMacBound() {
        // MAC bound = padded MACs / 256 per cycle at 100 MHz: stem 24.586 ms (its logical MACs alone 4.610 ms);
        // 64->64 3x3 at 56x56: 4.516 ms. Modelled: stem 34.930 ms (1.42x its padded MAC bound: with one
        // input-channel step per tile, TVM's token chain keeps each tile's loads behind the previous tile's first
        // store), block conv 6.192 ms (1.37x; the ALU's six steps at II 2 add 1.5 ms). Pinned as regression
        // figures of the model with its default constants. The tuned config VTA.md quotes for the block conv
        // (tile_h=[7,8], h_nthread=1) models 6.251 ms, within 1% of the chosen tiling.
        VtaCostModel model = new VtaCostModel();
        Cost stem = cost(model, named(RESNET18, "conv1"), PYNQ_VTA, 1).orElseThrow();
        Cost block = cost(model, named(RESNET18, "layer1.0.conv1"), PYNQ_VTA, 1).orElseThrow();
        assertThat(stem.timeNs()).isEqualTo(STEM_NS);
        assertThat(block.timeNs()).isEqualTo(BLOCK_NS);
        assertThat(stem.note()).isEqualTo(STEM_NOTE);
        assertThat(block.note()).isEqualTo(BLOCK_NOTE);
    }

    private static final long STEM_NS = 34930370;
    private static final long BLOCK_NS = 6192400;
    private static final String STEM_NOTE =
            "tile_h=[14,8] tile_w=[7,16] tile_ci=[1,1] tile_co=[1,4] oc_nthread=1 h_nthread=2";
    private static final String BLOCK_NOTE =
            "tile_h=[14,4] tile_w=[1,56] tile_ci=[4,1] tile_co=[2,2] oc_nthread=2 h_nthread=2";

    @Test
    void batchIsBlockedAndScalesTheWork() {
        VtaCostModel model = new VtaCostModel();
        Group block = named(RESNET18, "layer1.0.conv1");
        long one = cost(model, block, PYNQ_VTA, 1).orElseThrow().timeNs();
        long four = cost(model, block, PYNQ_VTA, 4).orElseThrow().timeNs();
        assertThat(four).isGreaterThan(3 * one).isLessThanOrEqualTo(4 * one);
        assertThat(model.plan(RESNET18, block, PYNQ_VTA, 4).orElseThrow().total().gemmOps())
                .isEqualTo(4 * model.plan(RESNET18, block, PYNQ_VTA, 1).orElseThrow().total().gemmOps());
    }

    @Test
    void blockVariantsOfEightAndThirtyTwo() {
        VtaCostModel model = new VtaCostModel();
        Group stem = named(RESNET18, "conv1");
        assertThat(cost(model, stem, vta(variant(3, 15)), 1).orElseThrow().breakdown().usefulFraction())
                .isEqualTo(3.0 / 8);
        assertThat(cost(model, stem, vta(variant(5, 15)), 1).orElseThrow().breakdown().usefulFraction())
                .isEqualTo(3.0 / 32);
        for (Group g : RESNET18.groups()) {
            assertThat(cost(model, g, vta(variant(3, 15)), 1).isPresent())
                    .isEqualTo(cost(model, g, vta(variant(5, 15)), 1).isPresent());
        }
    }

    @Test
    void otherDevicesPrecisionsLayoutsAndOpsAreEmpty() {
        VtaCostModel model = new VtaCostModel();
        Group conv = named(RESNET18, "layer1.0.conv1");
        Device cpu = new Device("cpu", DeviceKind.CPU, "A9", List.of(Precision.FP32, Precision.INT8), Set.of("*"),
                512L << 20, new CpuParams("armv7", 2, 2, 650, 128, 4, 8, 1.0, ""), null, null);
        assertThat(model.cost(RESNET18, conv, cpu, Precision.INT8, Layout.BLOCKED, 1)).isEmpty();
        assertThat(model.cost(RESNET18, conv, PYNQ_VTA, Precision.FP32, Layout.BLOCKED, 1)).isEmpty();
        assertThat(model.cost(RESNET18, conv, PYNQ_VTA, Precision.INT8, Layout.PLAIN, 1)).isEmpty();
        assertThat(cost(model, named(RESNET18, "maxpool"), PYNQ_VTA, 1)).isEmpty();
        assertThat(cost(model, named(RESNET18, "avgpool"), PYNQ_VTA, 1)).isEmpty();
        Device convOnly = new Device("vta", DeviceKind.VTA, "VTA", List.of(Precision.INT8), Set.of("conv2d"),
                512L << 20, null, VtaConfig.DEFAULT, null);
        assertThat(cost(model, named(RESNET18, "fc"), convOnly, 1)).isEmpty();
    }

    @Test
    void groupedConvIsEmptyAndAConfigThatCannotHoldABlockIsRefused() {
        GraphBuilder b = new GraphBuilder("mobile");
        int x = b.input("x", TensorType.fp32(1, 32, 112, 112));
        int dw = b.add("dw1", Conv2d.square(32, 3, 1, 1, false).withGroups(32), x);
        Graph graph = b.build(dw);
        GroupedGraph g = Grouping.apply(graph);
        VtaCostModel model = new VtaCostModel();
        assertThat(model.cost(g, g.group(0), PYNQ_VTA, Precision.INT8, Layout.BLOCKED, 1)).isEmpty();
        Device tiny = vta(variant(4, 3));
        assertThatThrownBy(() -> cost(model, named(RESNET18, "layer1.0.conv1"), tiny, 1))
                .isInstanceOf(VtaUnsupportedException.class)
                .hasMessageContaining("layer1.0.conv1").hasMessageContaining("inp buffer");
    }

    @Test
    void repeatedShapesReuseOneTilingSearch() {
        VtaCostModel model = new VtaCostModel();
        for (int pass = 0; pass < 2; pass++) {
            for (Group g : RESNET18.groups()) {
                cost(model, g, PYNQ_VTA, 1);
            }
        }
        // distinct (shape, fused steps): stem; layer1: conv+relu, conv; layers 2-4: strided conv+relu, conv+relu,
        // conv, 1x1 downsample; fc; 4 residual adds
        assertThat(model.cachedPlans()).isEqualTo(1 + 2 + 3 * 4 + 1 + 4);
    }
}
