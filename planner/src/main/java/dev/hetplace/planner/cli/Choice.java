package dev.hetplace.planner.cli;

import dev.hetplace.backends.quant.CalibrationMode;
import dev.hetplace.cost.gpu.GpuTiming;
import dev.hetplace.cost.vta.VtaCostSource;
import dev.hetplace.planner.domain.Objective;
import dev.hetplace.planner.numerics.NoiseMode;
import dev.hetplace.planner.onnx.ActivationEncoding;
import dev.hetplace.planner.solve.SolverKind;
import dev.hetplace.planner.validate.ExecutionRuntime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine;

/**
 * Converts an option's value to the enum constant whose id it is, in any case; a constant's id is its name in lower
 * case with '-' for '_' ({@code GLOBAL_SCALE}: {@code global-scale}).
 */
final class Choice<E extends Enum<E>> implements CommandLine.ITypeConverter<E> {
    private static final List<Class<? extends Enum<?>>> OPTION_TYPES = List.of(SolverKind.class, Objective.class,
            GpuTiming.class, VtaCostSource.class, ReportFormat.class, ExportFormat.class, NoiseMode.class,
            CalibrationMode.class, ExecutionRuntime.class, ActivationEncoding.class);

    private final Class<E> type;

    private Choice(Class<E> type) {
        this.type = type;
    }

    @Override
    public E convert(String value) {
        for (E e : type.getEnumConstants()) {
            if (id(e).equalsIgnoreCase(value)) {
                return e;
            }
        }
        throw new Unknown(type.getEnumConstants(), value);
    }

    static String id(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Lets every option of an enum type in {@code cl} and its subcommands take its constants' ids. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static CommandLine registerAll(CommandLine cl) {
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        for (Class type : OPTION_TYPES) {
            cl.registerConverter(type, new Choice<>(type));
        }
        return cl;
    }

    /** The error line of a bad option value: "--x must be a, b or c, got 'v'" for an unknown choice. */
    static String message(ParameterException ex) {
        if (ex.getCause() instanceof Unknown u && ex.getArgSpec() instanceof OptionSpec o) {
            return o.longestName() + " must be " + u.getMessage();
        }
        return ex.getMessage();
    }

    /** A value that is no constant's id; the message lists the ids ("a, b or c, got 'v'"). */
    private static final class Unknown extends CommandLine.TypeConversionException {
        private static final long serialVersionUID = 1L;

        Unknown(Enum<?>[] constants, String value) {
            super(listed(constants) + ", got '" + value + "'");
        }

        private static String listed(Enum<?>[] constants) {
            List<String> ids = Arrays.stream(constants).map(Choice::id).toList();
            return ids.size() == 1 ? ids.get(0) : String.join(", ", ids.subList(0, ids.size() - 1)) + " or "
                    + ids.get(ids.size() - 1);
        }
    }
}
