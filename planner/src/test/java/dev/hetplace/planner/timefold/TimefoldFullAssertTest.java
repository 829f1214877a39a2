package dev.hetplace.planner.timefold;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hetplace.cost.CostTable;
import dev.hetplace.planner.domain.Objective;
import dev.hetplace.planner.domain.PlacementProblem;
import dev.hetplace.planner.testing.SyntheticTables;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Timefold's FULL_ASSERT mode checks every incremental score against a full recalculation, under every constraint
 * and move kind. Slow, so opt-in: {@code mvn -pl planner test -Dtimefold.fullAssert=true -Dtest=TimefoldFullAssertTest}.
 */
@EnabledIfSystemProperty(named = "timefold.fullAssert", matches = "true")
class TimefoldFullAssertTest {

    @ParameterizedTest(name = "full assert, seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void incrementalScoreMatchesFullRecalculation(long seed) {
        CostTable t = SyntheticTables.table(SyntheticTables.randomGraph(seed, 8), seed, 1);
        for (Objective objective : Objective.values()) {
            PlacementProblem p = PlacementProblem.builder(t, objective).noiseBudgetPpb(20_000)
                    .memoryCapacity(SyntheticTables.BINDING_MEMORY).build();
            TimefoldResult r = TimefoldPlacementSolver.solve(p,
                    TimefoldSettings.reproducible(seed, 200).withDpSeed(true).withFullAssert(true));
            assertThat(r.choice()).hasSize(p.groupCount());
        }
    }
}
