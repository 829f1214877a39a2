package dev.hetplace.planner.cli;

import java.util.Locale;
import picocli.CommandLine;

/** {@code --format}: a table for people or JSON for programs. */
public enum OutputFormat {
    TABLE, JSON;

    /** Accepts {@code table} / {@code json} in any case. */
    public static final class Converter implements CommandLine.ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            for (OutputFormat f : values()) {
                if (f.name().equalsIgnoreCase(value)) {
                    return f;
                }
            }
            throw new CommandLine.TypeConversionException("'" + value + "' is not a format (use table or json)");
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
