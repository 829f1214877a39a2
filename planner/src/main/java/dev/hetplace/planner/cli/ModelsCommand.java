package dev.hetplace.planner.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until the zoo lands. */
@Command(name = "models", description = "not built yet")
public final class ModelsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new IllegalArgumentException("'models' is not built yet");
    }
}
