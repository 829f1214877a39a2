package dev.hetplace.ir.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.hetplace.ir.Graph;
import dev.hetplace.ir.Layer;
import dev.hetplace.ir.op.Activation;
import dev.hetplace.ir.op.ActivationKind;
import dev.hetplace.ir.op.Conv2d;
import dev.hetplace.ir.op.Dense;
import dev.hetplace.ir.op.Pool;
import dev.hetplace.ir.op.PoolKind;
import dev.hetplace.ir.tensor.TensorType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The six torchvision exports in models/onnx import with the figures their networks have. */
class ShippedModelsImportTest {

    /**
     * MACs are torchvision's published conv + dense counts at 224x224. Parameters are torchvision's minus one
     * per BatchNorm channel, because the export folded each BatchNorm (2 x C parameters) into its conv's bias
     * (C parameters); vgg16 and squeezenet1_1 have no BatchNorm and match torchvision exactly.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "resnet18,      50,  20, 1, 11689512,  4800,  1814073344",
            "resnet50,      123, 53, 1, 25557032,  26560, 4089184256",
            "mobilenet_v2,  101, 52, 1, 3504872,   17056, 300774272",
            "vgg16,         39,  13, 3, 138357544, 0,     15470264320",
            "googlenet,     140, 57, 1, 6624904,   7280,  1498376192",
            "squeezenet1_1, 66,  26, 0, 1235496,   0,     349151936",
    })
    void importsWithPublishedFigures(String model, int layers, int convs, int denses, long torchvisionParams,
                                     long batchNormChannels, long macs) {
        Graph g = OnnxImporter.load(ShippedModels.path(model + ".onnx"));

        assertThat(g.name()).isEqualTo(model);
        assertThat(g.size()).isEqualTo(layers);
        assertThat(g.convLayers()).hasSize(convs);
        assertThat(g.layers().stream().filter(l -> l.op() instanceof Dense)).hasSize(denses);
        assertThat(g.totalParams()).isEqualTo(torchvisionParams - batchNormChannels);
        assertThat(g.totalMacs()).isEqualTo(macs);
        assertThat(g.inputs()).singleElement().satisfies(in -> {
            assertThat(in.name()).isEqualTo("input");
            assertThat(in.output()).isEqualTo(TensorType.fp32(1, 3, 224, 224));
        });
        assertThat(g.outputs()).singleElement()
                .satisfies(o -> assertThat(g.layer(o).output()).isEqualTo(TensorType.fp32(1, 1000)));
    }

    /** Every node but Identity and Constant (forwarding and holding constants) becomes exactly one layer. */
    @ParameterizedTest
    @CsvSource({"resnet18", "resnet50", "mobilenet_v2", "vgg16", "googlenet", "squeezenet1_1"})
    void everyComputingNodeBecomesOneLayerNamedAfterIt(String model) throws IOException {
        ModelProto proto = ModelProto.parseFrom(Files.readAllBytes(ShippedModels.path(model + ".onnx")));
        Graph g = OnnxImporter.load(ShippedModels.path(model + ".onnx"));

        List<NodeProto> computing = proto.getGraph().getNodeList().stream()
                .filter(n -> !n.getOpType().equals("Identity") && !n.getOpType().equals("Constant")).toList();
        assertThat(g.size()).isEqualTo(computing.size() + 1);
        for (NodeProto n : computing) {
            assertThat(g.idOf(n.getName())).as(n.getName()).isNotNull();
        }
        assertThat(g.weights().isEmpty()).isEqualTo(!model.equals("squeezenet1_1"));
    }

    @Test
    void resnet18StemAndHead() {
        Graph g = OnnxImporter.load(ShippedModels.path("resnet18.onnx"));

        Layer stem = g.convLayers().get(0);
        assertThat(stem.name()).isEqualTo("/conv1/Conv");
        assertThat(stem.op()).isEqualTo(Conv2d.square(64, 7, 2, 3, true));
        assertThat(stem.output()).isEqualTo(TensorType.fp32(1, 64, 112, 112));
        assertThat(g.layer(g.idOf("/maxpool/MaxPool")).op()).isEqualTo(Pool.max(3, 2, 1));
        Layer fc = g.layer(g.idOf("/fc/Gemm"));
        assertThat(fc.op()).isEqualTo(new Dense(1000, true));
        assertThat(g.inputTypes(fc)).containsExactly(TensorType.fp32(1, 512));
        assertThat(g.convLayers()).allSatisfy(c -> assertThat(((Conv2d) c.op()).bias()).isTrue());
    }

    @Test
    void mobilenetV2ClipsAreRelu6AndItsDepthwiseConvsKeepTheirGroups() {
        Graph g = OnnxImporter.load(ShippedModels.path("mobilenet_v2.onnx"));

        assertThat(g.layers().stream().filter(l -> l.op() instanceof Activation)).hasSize(35)
                .allSatisfy(l -> assertThat(l.op()).isEqualTo(Activation.of(ActivationKind.RELU6)));
        List<Layer> depthwise = g.convLayers().stream()
                .filter(c -> ((Conv2d) c.op()).depthwise(g.inputTypes(c).get(0).dim(1))).toList();
        assertThat(depthwise).hasSize(17);
        Layer first = g.layer(g.idOf("/features/features.1/conv/conv.0/conv.0.0/Conv"));
        assertThat(((Conv2d) first.op()).groups()).isEqualTo(32);
        assertThat(first.output()).isEqualTo(TensorType.fp32(1, 32, 112, 112));
    }

    @Test
    void vgg16AndGooglenetPoolingAttributes() {
        Graph vgg = OnnxImporter.load(ShippedModels.path("vgg16.onnx"));
        Pool avg = (Pool) vgg.layer(vgg.idOf("/avgpool/AveragePool")).op();
        assertThat(avg.kind()).isEqualTo(PoolKind.AVG);
        assertThat(avg.kernelH()).isEqualTo(1);
        assertThat(avg.countIncludePad()).isFalse();

        Graph googlenet = OnnxImporter.load(ShippedModels.path("googlenet.onnx"));
        Layer pool = googlenet.layer(googlenet.idOf("/maxpool1/MaxPool"));
        assertThat(((Pool) pool.op()).ceilMode()).isTrue();
        assertThat(pool.output()).isEqualTo(TensorType.fp32(1, 64, 56, 56));
    }

    /** squeezenet1_1 keeps its float32 weights: each conv's weight and bias are the file's, shapes OIHW and O. */
    @Test
    void squeezenetWeightsAreTheFilesValues() throws IOException {
        ModelProto proto = ModelProto.parseFrom(Files.readAllBytes(ShippedModels.path("squeezenet1_1.onnx")));
        Map<String, TensorProto> initializers = new HashMap<>();
        proto.getGraph().getInitializerList().forEach(t -> initializers.put(t.getName(), t));
        Map<String, String> forwarded = new HashMap<>();
        proto.getGraph().getNodeList().stream().filter(n -> n.getOpType().equals("Identity"))
                .forEach(n -> forwarded.put(n.getOutput(0), n.getInput(0)));

        Graph g = OnnxImporter.load(ShippedModels.path("squeezenet1_1.onnx"));

        assertThat(g.weights().byLayer()).hasSize(26);
        for (NodeProto n : proto.getGraph().getNodeList()) {
            if (!n.getOpType().equals("Conv")) {
                continue;
            }
            Layer conv = g.layer(g.idOf(n.getName()));
            Conv2d op = (Conv2d) conv.op();
            int in = g.inputTypes(conv).get(0).dim(1);
            float[] w = g.weights().get(conv.name(), "weight");
            float[] b = g.weights().get(conv.name(), "bias");
            assertThat(w).hasSize(op.outChannels() * in * op.kernelH() * op.kernelW());
            assertThat(b).hasSize(op.outChannels());
            assertThat(w).isEqualTo(rawFloats(initializers.get(forwarded.getOrDefault(n.getInput(1), n.getInput(1)))));
            assertThat(b).isEqualTo(rawFloats(initializers.get(forwarded.getOrDefault(n.getInput(2), n.getInput(2)))));
        }
        assertThat(g.weights().get("/features/features.0/Conv", "weight")).hasSize(64 * 3 * 3 * 3);
        assertThat(g.weights().get("/classifier/classifier.1/Conv", "weight")).hasSize(1000 * 512);
    }

    private static float[] rawFloats(TensorProto t) {
        ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        float[] f = new float[b.remaining() / 4];
        for (int i = 0; i < f.length; i++) {
            f[i] = b.getFloat();
        }
        return f;
    }
}
