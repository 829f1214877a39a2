package dev.hetplace.planner.run;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * What a command prints on standard error when it stops: one line of at most {@value #MAX_CHARS} characters,
 * printable (control characters and other unprintable code points are escaped), the middle of an over-long line
 * elided so that its start (the file or option) and its end (what is wrong) both stay.
 */
public final class ErrorLine {
    public static final int MAX_CHARS = 300;
    private static final String ELISION = " [...] ";
    /** The environment variable that makes an internal error print its stack trace after the line. */
    public static final String TRACE_VARIABLE = "HETPLACE_TRACE";

    private ErrorLine() {
    }

    /** {@code prog: message}, made one printable line of at most {@value #MAX_CHARS} characters. */
    public static String of(String prog, String message) {
        return shorten(printable(prog + ": " + (message == null ? "(no message)" : message)));
    }

    /**
     * A failure that is not bad input (a bug): one line naming the exception and the frame that threw it, exit
     * {@link ExitCodes#INTERNAL}; the stack trace only when {@value #TRACE_VARIABLE} is set.
     */
    public static int internal(String prog, Throwable e, PrintWriter err) {
        StackTraceElement frame = java.util.Arrays.stream(e.getStackTrace())
                .filter(f -> f.getClassName().startsWith("dev.hetplace.")).findFirst()
                .orElse(e.getStackTrace().length == 0 ? null : e.getStackTrace()[0]);
        String at = frame == null ? "" : " at " + frame.getClassName().replaceAll(".*\\.", "") + "."
                + frame.getMethodName() + ":" + frame.getLineNumber();
        err.println(of(prog, String.format(Locale.ROOT, "internal error %s%s: %s (a bug: please report it with the"
                + " command line; set %s=1 for the stack trace)", e.getClass().getSimpleName(), at, e.getMessage(),
                TRACE_VARIABLE)));
        if (System.getenv(TRACE_VARIABLE) != null) {
            e.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.INTERNAL;
    }

    static String printable(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), 4 * MAX_CHARS));
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\n' || cp == '\r') {
                b.append(' ');
            } else if (cp == '\t') {
                b.append("\\t");
            } else if (Character.isISOControl(cp) || !Character.isDefined(cp)
                    || Character.getType(cp) == Character.SURROGATE || Character.getType(cp) == Character.PRIVATE_USE
                    || Character.getType(cp) == Character.FORMAT || cp == 0xFFFD) {
                b.append(cp <= 0xFF ? String.format(Locale.ROOT, "\\x%02x", cp) : String.format(Locale.ROOT, "\\u%04x", cp));
            } else {
                b.appendCodePoint(cp);
            }
            if (b.length() > 8 * MAX_CHARS && i < s.length()) {
                // keep the tail for the elision below; the middle of a huge message is never shown
                int keep = MAX_CHARS;
                String tail = s.substring(Math.max(i, s.length() - keep));
                return b + ELISION + printable(tail);
            }
        }
        return b.toString();
    }

    static String shorten(String s) {
        if (s.length() <= MAX_CHARS) {
            return s;
        }
        int tail = MAX_CHARS / 3;
        int head = MAX_CHARS - tail - ELISION.length();
        return s.substring(0, head) + ELISION + s.substring(s.length() - tail);
    }
}
