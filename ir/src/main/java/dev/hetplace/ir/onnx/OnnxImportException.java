package dev.hetplace.ir.onnx;

/**
 * An ONNX file hetplace cannot import; the one-line message names the file and, where there is one, the node.
 * Control characters (a damaged file's names may hold any byte) are written as {@code \xNN}.
 */
public class OnnxImportException extends IllegalArgumentException {
    public OnnxImportException(String message) {
        super(oneLine(message));
    }

    private static String oneLine(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                b.append(String.format(java.util.Locale.ROOT, "\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
