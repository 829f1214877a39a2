package dev.hetplace.ir.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.SparseTensorProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.hetplace.ir.Graph;
import dev.hetplace.ir.tensor.DType;
import dev.hetplace.ir.tensor.ShapeException;
import dev.hetplace.ir.tensor.TensorType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads an ONNX model (protobuf {@code ModelProto}, parsed with the ONNX message classes) into a {@link Graph}
 * at batch 1. Modelled operators become their IR ops; shape computations on constants are folded away; any
 * other operator becomes an {@code Opaque} layer. Initializers without data are accepted (the graph then has
 * no weights); float data, when present, is kept in the graph's {@code Weights} under the layer's name.
 * Every problem is an {@link OnnxImportException} whose one-line message names the file and the node.
 */
public final class OnnxImporter {
    /** Oldest and newest default-domain (ai.onnx) opset the importer reads. */
    public static final int MIN_OPSET = 7;
    public static final int MAX_OPSET = 21;

    private OnnxImporter() {
    }

    public static Graph load(Path file) {
        String source = file.toString();
        if (Files.isDirectory(file)) {
            throw new OnnxImportException(source + ": is a directory, not an ONNX file");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new OnnxImportException(source + ": no such file");
        } catch (IOException e) {
            throw new OnnxImportException(source + ": cannot be read (" + e.getMessage() + ")");
        }
        return load(bytes, source);
    }

    public static Graph load(InputStream in, String sourceName) {
        try {
            return load(in.readAllBytes(), sourceName);
        } catch (IOException e) {
            throw new OnnxImportException(sourceName + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    /** @param sourceName where the bytes came from, for messages; its file name without ".onnx" names the graph */
    public static Graph load(byte[] bytes, String sourceName) {
        if (bytes.length == 0) {
            throw new OnnxImportException(sourceName + ": is empty (0 bytes), not an ONNX model");
        }
        ModelProto model;
        try {
            model = ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new OnnxImportException(sourceName + ": " + whyNotOnnx(bytes, e));
        }
        if (!model.hasGraph() || model.getIrVersion() <= 0) {
            throw new OnnxImportException(sourceName + ": " + whyNotOnnx(bytes, null));
        }
        return fromModel(model, sourceName);
    }

    /** Converts a parsed model (tests build these with the message classes). */
    public static Graph fromModel(ModelProto model, String sourceName) {
        try {
            return convert(model, sourceName);
        } catch (ArithmeticException e) {
            throw new OnnxImportException(sourceName + ": a dimension or attribute does not fit a 32-bit integer ("
                    + e.getMessage() + ")");
        }
    }

    private static Graph convert(ModelProto model, String sourceName) {
        int opset = defaultOpset(model, sourceName);
        GraphProto g = model.getGraph();
        ImportContext ctx = new ImportContext(sourceName, opset, g);
        Set<String> available = new HashSet<>();
        for (TensorProto t : g.getInitializerList()) {
            try {
                ctx.define(t.getName(), new OnnxValue.Known(OnnxTypes.decode(t, true, "initializer '" + t.getName() + "'")));
            } catch (IllegalStateException e) {
                throw ctx.fail(e.getMessage());
            }
            available.add(t.getName());
        }
        for (SparseTensorProto s : g.getSparseInitializerList()) {
            String name = s.getValues().getName();
            List<Integer> dims = new ArrayList<>();
            s.getDimsList().forEach(d -> dims.add(Math.toIntExact(d)));
            ctx.define(name, new OnnxValue.Known(new ConstTensor(dims, s.getValues().getDataType(), null, true)));
            available.add(name);
        }
        for (ValueInfoProto in : g.getInputList()) {
            if (available.contains(in.getName())) {
                continue;
            }
            int id = ctx.emitInput(in.getName(), inputType(ctx, in));
            ctx.define(in.getName(), new OnnxValue.Produced(id));
            available.add(in.getName());
        }
        List<NodeProto> order = NodeOrder.sort(g.getNodeList(), available, ctx::fail);
        NodeConverter converter = new NodeConverter(ctx);
        for (NodeProto node : order) {
            converter.convert(node);
        }
        return ctx.build(graphName(sourceName));
    }

    private static int defaultOpset(ModelProto model, String source) {
        for (OperatorSetIdProto o : model.getOpsetImportList()) {
            if (o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) {
                long v = o.getVersion();
                if (v < MIN_OPSET || v > MAX_OPSET) {
                    throw new OnnxImportException(source + ": uses ai.onnx opset " + v + ", but hetplace reads opsets "
                            + MIN_OPSET + " to " + MAX_OPSET + (v < MIN_OPSET ? " (re-export it with a newer exporter)"
                            : " (re-export it with opset_version=" + MAX_OPSET + ")"));
                }
                return (int) v;
            }
        }
        throw new OnnxImportException(source + ": declares no ai.onnx opset (opset_import is missing or the file "
                + "is truncated)");
    }

    /** A graph input at batch 1: a symbolic first dimension becomes 1, any other must be static. */
    private static TensorType inputType(ImportContext ctx, ValueInfoProto in) {
        if (!in.getType().hasTensorType()) {
            throw ctx.fail("graph input '" + in.getName() + "' is not a tensor");
        }
        int elem = in.getType().getTensorType().getElemType();
        DType dtype = OnnxTypes.dtype(elem);
        if (dtype == null) {
            throw ctx.fail("graph input '" + in.getName() + "' has element type " + elem + ", which hetplace does "
                    + "not represent");
        }
        if (!in.getType().getTensorType().hasShape()) {
            throw ctx.fail("graph input '" + in.getName() + "' has no shape");
        }
        List<Integer> dims = new ArrayList<>();
        List<TensorShapeProto.Dimension> ds = in.getType().getTensorType().getShape().getDimList();
        for (int i = 0; i < ds.size(); i++) {
            TensorShapeProto.Dimension d = ds.get(i);
            if (d.hasDimValue() && d.getDimValue() > TensorType.MAX_ELEMENTS) {
                throw ctx.fail("graph input '" + in.getName() + "' dimension " + i + " is " + d.getDimValue()
                        + ", more than a tensor may hold (" + TensorType.MAX_ELEMENTS + " elements)");
            }
            if (d.hasDimValue() && d.getDimValue() > 0) {
                dims.add((int) d.getDimValue());
            } else if (i == 0) {
                dims.add(1);
            } else {
                throw ctx.fail("graph input '" + in.getName() + "' dimension " + i + " is "
                        + (d.hasDimParam() ? "symbolic ('" + d.getDimParam() + "')" : "unknown")
                        + "; hetplace needs every dimension but the batch fixed (export with a static shape)");
            }
        }
        try {
            return new TensorType(dims, dtype);
        } catch (ShapeException e) {
            throw ctx.fail("graph input '" + in.getName() + "': " + e.getMessage());
        }
    }

    static String graphName(String sourceName) {
        String n = sourceName.replace('\\', '/');
        n = n.substring(n.lastIndexOf('/') + 1);
        return n.endsWith(".onnx") && n.length() > 5 ? n.substring(0, n.length() - 5) : n;
    }

    /** Truncation is only claimed for data that starts as ONNX files do: field 1, ir_version, a small number. */
    private static String whyNotOnnx(byte[] bytes, InvalidProtocolBufferException e) {
        String kind = FileKind.sniff(bytes);
        if (kind != null) {
            return "is " + kind + ", not an ONNX model";
        }
        boolean onnxHeader = bytes.length >= 2 && bytes[0] == 0x08 && bytes[1] > 0 && bytes[1] <= 64;
        if (onnxHeader && e != null && e.getMessage() != null && e.getMessage().contains("ended unexpectedly")) {
            return "is truncated: its data ends in the middle of a protobuf field (" + bytes.length + " bytes)";
        }
        if (e != null) {
            return "is not an ONNX model (not a protobuf ModelProto: " + firstLine(e.getMessage()) + ")";
        }
        return "is not an ONNX model (it holds no graph; is it truncated?)";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Recognises common files people pass by mistake. */
    private static final class FileKind {
        private FileKind() {
        }

        static String sniff(byte[] b) {
            if (startsWith(b, new byte[] {(byte) 0x89, 'P', 'N', 'G'})) {
                return "a PNG image";
            }
            if (startsWith(b, new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff})) {
                return "a JPEG image";
            }
            if (startsWith(b, "%PDF".getBytes(StandardCharsets.US_ASCII))) {
                return "a PDF document";
            }
            if (startsWith(b, new byte[] {'P', 'K', 3, 4})) {
                return "a ZIP archive (a PyTorch checkpoint?)";
            }
            int n = Math.min(b.length, 512);
            for (int i = 0; i < n; i++) {
                int c = b[i] & 0xff;
                if (!(c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c < 0x7f))) {
                    return null;
                }
            }
            return "a text file";
        }

        private static boolean startsWith(byte[] b, byte[] prefix) {
            if (b.length < prefix.length) {
                return false;
            }
            for (int i = 0; i < prefix.length; i++) {
                if (b[i] != prefix[i]) {
                    return false;
                }
            }
            return true;
        }
    }
}
