package dev.hetplace.ir.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import dev.hetplace.ir.Graph;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/** Builds small ONNX models in code with the ONNX message classes, for importer tests. */
final class TestModel {
    static final int FLOAT = 1;
    static final int INT64 = 7;

    private final String name;
    private final GraphProto.Builder graph = GraphProto.newBuilder().setName("test");
    private Integer opset = 17;

    private TestModel(String name) {
        this.name = name;
    }

    static TestModel named(String name) {
        return new TestModel(name);
    }

    TestModel opset(Integer version) {
        this.opset = version;
        return this;
    }

    TestModel input(String n, int... dims) {
        graph.addInput(valueInfo(n, FLOAT, dims));
        return this;
    }

    TestModel typedInput(String n, int elemType, int... dims) {
        graph.addInput(valueInfo(n, elemType, dims));
        return this;
    }

    /** A graph output with no shape information. */
    TestModel output(String n) {
        graph.addOutput(ValueInfoProto.newBuilder().setName(n));
        return this;
    }

    TestModel output(String n, int... dims) {
        graph.addOutput(valueInfo(n, FLOAT, dims));
        return this;
    }

    TestModel declare(String n, int... dims) {
        graph.addValueInfo(valueInfo(n, FLOAT, dims));
        return this;
    }

    /** A float initializer; no values = shape only, as in the shipped files. */
    TestModel weight(String n, int[] dims, float... values) {
        graph.addInitializer(floats(dims, values).toBuilder().setName(n));
        return this;
    }

    TestModel int64s(String n, long... values) {
        graph.addInitializer(longs(values).toBuilder().setName(n));
        return this;
    }

    TestModel node(String op, String n, List<String> inputs, String output, AttributeProto... attributes) {
        return node(op, n, inputs, List.of(output), attributes);
    }

    TestModel node(String op, String n, List<String> inputs, List<String> outputs, AttributeProto... attributes) {
        graph.addNode(NodeProto.newBuilder().setOpType(op).setName(n).addAllInput(inputs).addAllOutput(outputs)
                .addAllAttribute(List.of(attributes)));
        return this;
    }

    TestModel constant(String output, TensorProto value) {
        return node("Constant", output + "_node", List.of(), output, tensor("value", value));
    }

    ModelProto build() {
        ModelProto.Builder m = ModelProto.newBuilder().setIrVersion(8).setProducerName("hetplace-test")
                .setGraph(graph);
        if (opset != null) {
            m.addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset));
        }
        return m.build();
    }

    byte[] bytes() {
        return build().toByteArray();
    }

    String fileName() {
        return name + ".onnx";
    }

    Graph load() {
        return OnnxImporter.load(bytes(), fileName());
    }

    static ValueInfoProto valueInfo(String n, int elemType, int... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (int d : dims) {
            shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(n).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(elemType).setShape(shape))).build();
    }

    static TensorProto floats(int[] dims, float... values) {
        TensorProto.Builder t = TensorProto.newBuilder().setDataType(FLOAT);
        for (int d : dims) {
            t.addDims(d);
        }
        if (values.length > 0) {
            ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
            for (float v : values) {
                b.putFloat(v);
            }
            t.setRawData(ByteString.copyFrom(b.array()));
        }
        return t.build();
    }

    static TensorProto scalar(float v) {
        return floats(new int[0], v);
    }

    static TensorProto longs(long... values) {
        TensorProto.Builder t = TensorProto.newBuilder().setDataType(INT64).addDims(values.length);
        for (long v : values) {
            t.addInt64Data(v);
        }
        return t.build();
    }

    static AttributeProto ints(String n, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(n).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    static AttributeProto floatList(String n, float... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(n).setType(AttributeProto.AttributeType.FLOATS);
        for (float v : values) {
            a.addFloats(v);
        }
        return a.build();
    }

    static AttributeProto i(String n, long v) {
        return AttributeProto.newBuilder().setName(n).setType(AttributeProto.AttributeType.INT).setI(v).build();
    }

    static AttributeProto f(String n, float v) {
        return AttributeProto.newBuilder().setName(n).setType(AttributeProto.AttributeType.FLOAT).setF(v).build();
    }

    static AttributeProto s(String n, String v) {
        return AttributeProto.newBuilder().setName(n).setType(AttributeProto.AttributeType.STRING)
                .setS(ByteString.copyFromUtf8(v)).build();
    }

    static AttributeProto tensor(String n, TensorProto t) {
        return AttributeProto.newBuilder().setName(n).setType(AttributeProto.AttributeType.TENSOR).setT(t).build();
    }

    static int[] dims(int... d) {
        return d;
    }

    /** n floats 0, 1, 2, ... for checking where values end up. */
    static float[] ramp(int n) {
        float[] f = new float[n];
        for (int k = 0; k < n; k++) {
            f[k] = k;
        }
        return f;
    }
}
