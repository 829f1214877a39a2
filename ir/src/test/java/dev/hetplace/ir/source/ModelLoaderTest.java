package dev.hetplace.ir.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hetplace.ir.json.GraphJson;
import dev.hetplace.ir.zoo.ModelZoo;
import dev.hetplace.ir.zoo.UnknownModelException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelLoaderTest {

    @Test
    void zooNames() {
        assertThat(ModelLoader.load("resnet18").name()).isEqualTo("resnet18");
        assertThatThrownBy(() -> ModelLoader.load("resnet81")).isInstanceOf(UnknownModelException.class);
    }

    @Test
    void graphJsonFiles(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("lenet.json");
        GraphJson.write(ModelZoo.build("lenet"), file);
        assertThat(ModelLoader.load(file.toString()).layers()).isEqualTo(ModelZoo.build("lenet").layers());
    }

    @Test
    void onnxFilesGoToTheImporter() {
        Path shipped = dev.hetplace.ir.onnx.ShippedModels.path("resnet18.onnx");
        assertThat(ModelLoader.load(shipped.toString()).size()).isEqualTo(50);
        assertThatThrownBy(() -> ModelLoader.load("nowhere/resnet18.ONNX"))
                .isInstanceOf(dev.hetplace.ir.onnx.OnnxImportException.class)
                .hasMessage("nowhere/resnet18.ONNX: no such file");
    }

    @Test
    void otherInputs() {
        assertThatThrownBy(() -> ModelLoader.load(" ")).hasMessageStartingWith("no model given");
        assertThatThrownBy(() -> ModelLoader.load("models/resnet18.pt"))
                .hasMessage("model file models/resnet18.pt is neither .onnx nor a graph .json file");
    }
}
