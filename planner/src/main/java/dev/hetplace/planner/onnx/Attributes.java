package dev.hetplace.planner.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import java.util.List;

/** Node attributes of the kinds an export writes. */
final class Attributes {
    private Attributes() {
    }

    static AttributeProto ints(String name, List<Integer> v) {
        AttributeProto.Builder b = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        v.forEach(x -> b.addInts(x));
        return b.build();
    }

    static AttributeProto integer(String name, long v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(v).build();
    }

    static AttributeProto real(String name, double v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF((float) v)
                .build();
    }

    static AttributeProto text(String name, String v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                .setS(com.google.protobuf.ByteString.copyFromUtf8(v)).build();
    }
}
