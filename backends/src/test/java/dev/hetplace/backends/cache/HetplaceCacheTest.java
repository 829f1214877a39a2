package dev.hetplace.backends.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HetplaceCacheTest {
    @Test
    void theEnvironmentVariableWinsOverTheHomeDirectory() {
        assertThat(HetplaceCache.fromEnvironment(Map.of("HETPLACE_CACHE", "/tmp/c"), "/home/u").root())
                .isEqualTo(Path.of("/tmp/c"));
        HetplaceCache home = HetplaceCache.fromEnvironment(Map.of("HETPLACE_CACHE", " "), "/home/u");
        assertThat(home.root()).isEqualTo(Path.of("/home/u/.cache/hetplace"));
        assertThat(home.sensitivity()).isEqualTo(Path.of("/home/u/.cache/hetplace/sensitivity"));
        assertThat(home.measurements()).isEqualTo(Path.of("/home/u/.cache/hetplace/measurements"));
    }
}
