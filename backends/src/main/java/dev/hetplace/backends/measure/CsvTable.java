package dev.hetplace.backends.measure;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A comma-separated file with a header row, read by column name. No quoting: cells hold no commas. Blank lines
 * and lines starting with {@code #} are skipped. Every error names the source and the 1-based line.
 */
final class CsvTable {
    private final String source;
    private final Map<String, Integer> columns;
    private final List<Row> rows;

    private CsvTable(String source, Map<String, Integer> columns, List<Row> rows) {
        this.source = source;
        this.columns = columns;
        this.rows = rows;
    }

    /**
     * Reads the file; {@code required} columns must be in the header unless {@code defaults} gives a value for
     * them, which every row then takes.
     */
    static CsvTable read(Reader reader, String source, List<String> required, Map<String, String> defaults) {
        try (BufferedReader in = new BufferedReader(reader)) {
            String header = null;
            int headerLine = 0;
            int lineNo = 0;
            List<String[]> cells = new ArrayList<>();
            List<Integer> lineNos = new ArrayList<>();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNo++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header == null) {
                    header = line;
                    headerLine = lineNo;
                    continue;
                }
                cells.add(line.split(",", -1));
                lineNos.add(lineNo);
            }
            if (header == null) {
                throw new MeasurementException(source + ": empty file (expected a header row)");
            }
            Map<String, Integer> columns = new HashMap<>();
            String[] names = header.split(",", -1);
            for (int i = 0; i < names.length; i++) {
                String name = names[i].trim();
                if (columns.put(name, i) != null) {
                    throw new MeasurementException(source + ":" + headerLine + ": column '" + name
                            + "' appears twice in the header");
                }
            }
            for (String r : required) {
                if (!columns.containsKey(r) && !defaults.containsKey(r)) {
                    throw new MeasurementException(source + ":" + headerLine + ": missing column '" + r
                            + "' (required: " + String.join(", ", required) + ")");
                }
            }
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < cells.size(); i++) {
                if (cells.get(i).length != names.length) {
                    throw new MeasurementException(source + ":" + lineNos.get(i) + ": expected " + names.length
                            + " columns as in the header, got " + cells.get(i).length);
                }
                rows.add(new Row(source, lineNos.get(i), columns, cells.get(i), defaults));
            }
            return new CsvTable(source, Map.copyOf(columns), List.copyOf(rows));
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": " + e.getMessage(), e);
        }
    }

    String source() {
        return source;
    }

    boolean hasColumn(String name) {
        return columns.containsKey(name);
    }

    List<Row> rows() {
        return rows;
    }

    /** One data row; getters throw {@link MeasurementException} naming source, line and column. */
    static final class Row {
        private final String source;
        private final int line;
        private final Map<String, Integer> columns;
        private final String[] cells;
        private final Map<String, String> defaults;

        Row(String source, int line, Map<String, Integer> columns, String[] cells, Map<String, String> defaults) {
            this.source = source;
            this.line = line;
            this.columns = columns;
            this.cells = cells;
            this.defaults = defaults;
        }

        int line() {
            return line;
        }

        boolean has(String column) {
            return columns.containsKey(column) || defaults.containsKey(column);
        }

        MeasurementException error(String message) {
            return new MeasurementException(source + ":" + line + ": " + message);
        }

        MeasurementException error(String column, String message) {
            return error("column '" + column + "': " + message);
        }

        /** The trimmed cell ("" when empty); a column absent from the header takes its default. */
        String text(String column) {
            Integer i = columns.get(column);
            if (i == null) {
                String d = defaults.get(column);
                if (d == null) {
                    throw error(column, "no such column");
                }
                return d;
            }
            return cells[i].trim();
        }

        String requiredText(String column) {
            String t = text(column);
            if (t.isEmpty()) {
                throw error(column, "empty");
            }
            return t;
        }

        int integer(String column, int min) {
            String t = requiredText(column);
            int v;
            try {
                v = Integer.parseInt(t);
            } catch (NumberFormatException e) {
                throw error(column, "'" + t + "' is not an integer");
            }
            if (v < min) {
                throw error(column, "must be >= " + min + ", got " + v);
            }
            return v;
        }

        /** A finite number >= 0. */
        double nonNegative(String column) {
            double v = number(column);
            if (!Double.isFinite(v) || v < 0) {
                throw error(column, "must be a number >= 0, got " + requiredText(column));
            }
            return v;
        }

        /** A positive finite number. */
        double positive(String column) {
            double v = number(column);
            if (!Double.isFinite(v) || v <= 0) {
                throw error(column, "must be a positive number, got " + requiredText(column));
            }
            return v;
        }

        private double number(String column) {
            String t = requiredText(column);
            try {
                return Double.parseDouble(t);
            } catch (NumberFormatException e) {
                throw error(column, "'" + t + "' is not a number");
            }
        }

        boolean bool(String column) {
            String t = requiredText(column).toLowerCase(Locale.ROOT);
            return switch (t) {
                case "true" -> true;
                case "false" -> false;
                default -> throw error(column, "'" + t + "' is not True or False");
            };
        }
    }
}
