package dev.hetplace.planner.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until the zoo lands. */
@Command(name = "inspect", description = "not built yet")
public final class InspectCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new IllegalArgumentException("'inspect' is not built yet");
    }
}
