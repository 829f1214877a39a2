package dev.hetplace.experiments.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small sweep specs for tests. */
public final class Specs {
    private Specs() {
    }

    /** 2 models x 2 TVM settings x 3 budgets (one of them the synthetic failure) x 2 seeds = 24 runs. */
    public static final String TWENTY_FOUR = """
            {"schemaVersion": 1, "name": "tiny", "models": ["lenet", "resnet18"], "platforms": ["pynq-z1"],
             "tvmCompatible": [false, true], "minSqnrDb": [null, 30, 99], "seeds": [0, 1]}
            """;

    public static Path write(Path dir, String name, String json) {
        try {
            Path p = dir.resolve(name);
            Files.writeString(p, json);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
