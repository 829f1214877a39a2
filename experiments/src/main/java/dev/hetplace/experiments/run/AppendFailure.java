package dev.hetplace.experiments.run;

import dev.hetplace.planner.setting.Setting;
import dev.hetplace.planner.setting.Worded;
import dev.hetplace.planner.setting.Wording;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** A result row that could not be appended (a full disk): the rows before it are kept, and a resume continues. */
final class AppendFailure extends UncheckedIOException implements Worded {
    private final transient Path file;

    AppendFailure(Path file, IOException cause) {
        super(text(file, cause, Wording.PLAIN), cause);
        this.file = file;
    }

    @Override
    public String message(Wording w) {
        return text(file, getCause(), w);
    }

    private static String text(Path file, IOException cause, Wording w) {
        return "cannot append to " + file + ": " + cause.getMessage() + " (every row before it is kept: make room, "
                + "then run the same command with " + w.name(Setting.RESUME) + ")";
    }
}
