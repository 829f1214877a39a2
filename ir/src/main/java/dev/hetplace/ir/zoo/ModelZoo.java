package dev.hetplace.ir.zoo;

import dev.hetplace.ir.Graph;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Networks built in code, by the names users type ({@code resnet18}, {@code yolov3-tiny}, {@code bert-base}).
 * Each build returns a fresh graph with no weights, batch 1, BatchNorm not yet folded. Layers are named after
 * the source framework's module paths and listed in the order its {@code forward()} computes them, so
 * {@code convN} counts convs in that order (torchvision's ResNets: a block's body convs, then its downsample
 * conv). Lookup ignores case and treats {@code -} and {@code _} alike; an unknown name gets the closest names
 * suggested.
 */
public final class ModelZoo {

    private record Entry(String name, String description, Supplier<Graph> builder) {
    }

    private static final List<Entry> ENTRIES = List.of(
            new Entry("resnet18", "ResNet-18, torchvision, 3x224x224", ResNetTorchvision::resnet18),
            new Entry("resnet34", "ResNet-34, torchvision, 3x224x224", ResNetTorchvision::resnet34),
            new Entry("resnet50", "ResNet-50 (v1.5, stride on the 3x3), torchvision, 3x224x224",
                    ResNetTorchvision::resnet50),
            new Entry("resnet101", "ResNet-101 (v1.5), torchvision, 3x224x224", ResNetTorchvision::resnet101),
            new Entry("resnet18_v1", "ResNet-18 v1, MXNet Gluon (TVM's VTA tutorial), 3x224x224",
                    ResNetGluon::resnet18V1),
            new Entry("resnet34_v1", "ResNet-34 v1, MXNet Gluon, 3x224x224", ResNetGluon::resnet34V1),
            new Entry("resnet18_v2", "ResNet-18 v2 (pre-activation), MXNet Gluon, 3x224x224",
                    ResNetGluon::resnet18V2),
            new Entry("resnet50_v2", "ResNet-50 v2 (pre-activation), MXNet Gluon, 3x224x224",
                    ResNetGluon::resnet50V2),
            new Entry("mobilenet_v1", "MobileNet v1 1.0/224 (paper, ReLU), 3x224x224", MobileNetV1::build),
            new Entry("mobilenet_v2", "MobileNet v2 1.0, torchvision, 3x224x224", MobileNetV2::build),
            new Entry("vgg16", "VGG-16 (no BatchNorm), torchvision, 3x224x224", Vgg16::build),
            new Entry("squeezenet1_1", "SqueezeNet 1.1, torchvision, 3x224x224", SqueezeNet11::build),
            new Entry("googlenet", "GoogLeNet (Inception v1, no aux heads), torchvision, 3x224x224",
                    GoogLeNet::build),
            new Entry("yolov3-tiny", "YOLOv3-tiny, Darknet cfg, 80 classes, 3x416x416", YoloV3Tiny::build),
            new Entry("bert-base", "BERT-base encoder + pooler, Hugging Face, sequence length 128",
                    BertBase::build),
            new Entry("lenet", "LeNet-5 (ReLU, max pool), 1x32x32", LeNet5::build));

    private ModelZoo() {
    }

    /** The zoo's model names, in the order {@code place models} lists them. */
    public static List<String> names() {
        return ENTRIES.stream().map(Entry::name).toList();
    }

    public static boolean contains(String name) {
        return ENTRIES.stream().anyMatch(e -> e.name().equals(canonical(name)));
    }

    /** Builds the named model; throws {@link UnknownModelException} suggesting the closest names. */
    public static Graph build(String name) {
        return entry(name).builder().get();
    }

    /** One line: what the model is, where its topology comes from, its input. */
    public static String describe(String name) {
        return entry(name).description();
    }

    private static Entry entry(String name) {
        String key = canonical(name);
        for (Entry e : ENTRIES) {
            if (e.name().equals(key)) {
                return e;
            }
        }
        List<String> close = NameSuggestions.closest(key, names());
        String hint = close.isEmpty() ? "; known models: " + String.join(", ", names())
                : " (did you mean " + String.join(", ", close) + "?)";
        throw new UnknownModelException("unknown model '" + name + "'" + hint);
    }

    /** Lower case, with {@code -} and {@code _} matched to the spelling the zoo uses. */
    private static String canonical(String name) {
        String lower = name.strip().toLowerCase(Locale.ROOT);
        for (Entry e : ENTRIES) {
            if (e.name().replace('-', '_').equals(lower.replace('-', '_'))) {
                return e.name();
            }
        }
        return lower;
    }
}
