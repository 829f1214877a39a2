package dev.hetplace.backends.exec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A NumPy {@code .npy} array of little-endian float32 in C order: format versions 1 to 3, header dict with
 * {@code descr}, {@code fortran_order} and {@code shape}. Anything else is an {@link InputFileException} naming
 * the file.
 */
record NpyFile(List<Integer> shape, float[] data) {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    static NpyFile parse(Path file, byte[] bytes) {
        String name = file.toString();
        if (bytes.length < 10 || !java.util.Arrays.equals(java.util.Arrays.copyOf(bytes, 6), MAGIC)) {
            throw new InputFileException("file '" + name + "' is not a .npy file (no \\x93NUMPY magic)");
        }
        int major = bytes[6];
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLen;
        int headerStart;
        if (major == 1) {
            headerLen = Short.toUnsignedInt(buf.getShort(8));
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) {
                throw new InputFileException("file '" + name + "' has a truncated .npy header");
            }
            headerLen = buf.getInt(8);
            headerStart = 12;
        } else {
            throw new InputFileException("file '" + name + "' has unsupported .npy version " + major);
        }
        if (headerLen < 0 || (long) headerStart + headerLen > bytes.length) {
            throw new InputFileException("file '" + name + "' has a truncated .npy header (its length field says "
                    + Integer.toUnsignedString(headerLen) + " bytes, the file has " + bytes.length + ")");
        }
        String header = new String(bytes, headerStart, headerLen, StandardCharsets.ISO_8859_1);
        String descr = find(DESCR, header, name, "descr");
        if (!descr.equals("<f4")) {
            throw new InputFileException("file '" + name + "' holds dtype '" + descr
                    + "', expected little-endian float32 ('<f4')");
        }
        if (find(FORTRAN, header, name, "fortran_order").equals("True")) {
            throw new InputFileException("file '" + name + "' is in Fortran order, expected C order");
        }
        List<Integer> shape = new ArrayList<>();
        long elements = 1;
        for (String d : find(SHAPE, header, name, "shape").split(",")) {
            if (d.isBlank()) {
                continue;
            }
            try {
                int v = Integer.parseInt(d.trim());
                if (v < 0) {
                    throw new NumberFormatException("negative");
                }
                shape.add(v);
                elements *= v;
                if (elements > dev.hetplace.ir.tensor.TensorType.MAX_ELEMENTS) {
                    throw new InputFileException("file '" + name + "' has a .npy shape of more than "
                            + dev.hetplace.ir.tensor.TensorType.MAX_ELEMENTS + " elements");
                }
            } catch (NumberFormatException e) {
                throw new InputFileException("file '" + name + "' has a malformed .npy shape '" + d.trim() + "'");
            }
        }
        int dataStart = headerStart + headerLen;
        long expected = elements * 4;
        if (bytes.length - dataStart != expected) {
            throw new InputFileException("file '" + name + "' has " + (bytes.length - dataStart)
                    + " data bytes, its header shape " + shape + " needs " + expected);
        }
        float[] data = new float[(int) elements];
        buf.position(dataStart);
        buf.slice().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data);
        return new NpyFile(shape, data);
    }

    private static String find(Pattern p, String header, String file, String key) {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new InputFileException("file '" + file + "' has no '" + key + "' in its .npy header");
        }
        return m.group(1);
    }
}
