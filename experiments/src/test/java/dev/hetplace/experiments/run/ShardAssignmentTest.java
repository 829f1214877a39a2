package dev.hetplace.experiments.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hetplace.experiments.spec.RunSpec;
import dev.hetplace.experiments.spec.SweepSpec;
import dev.hetplace.experiments.spec.SweepSpecReader;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class ShardAssignmentTest {
    private static final SweepSpec DSE = SweepSpecReader.read(Path.of("specs", "vta-dse.json"));

    @Test
    void shardsPartitionTheRunsInEqualSlices() {
        for (int n : new int[] {1, 2, 3, 7, 16}) {
            BitSet union = new BitSet();
            List<BitSet> slices = ShardAssignment.slices(DSE.runs(), n);
            for (int i = 0; i < n; i++) {
                BitSet s = slices.get(i);
                assertThat(s.cardinality()).isEqualTo(new Shard(i, n).size(DSE.runs().size()))
                        .isBetween(DSE.runs().size() / n, DSE.runs().size() / n + 1);
                assertThat(s.intersects(union)).isFalse();
                union.or(s);
            }
            assertThat(union.cardinality()).isEqualTo(DSE.runs().size());
        }
    }

    @Test
    void runsSharingACostTableStayInOneShardBarTheSlicesEdges() {
        int n = 16;
        Map<String, Integer> shardOfGroup = new HashMap<>();
        int split = 0;
        List<BitSet> slices = ShardAssignment.slices(DSE.runs(), n);
        for (int i = 0; i < n; i++) {
            BitSet s = slices.get(i);
            for (int r = s.nextSetBit(0); r >= 0; r = s.nextSetBit(r + 1)) {
                Integer prev = shardOfGroup.putIfAbsent(ShardAssignment.groupHash(DSE.runs().get(r)), i);
                if (prev != null && prev != i) {
                    split++;
                }
            }
        }
        assertThat(shardOfGroup).hasSize(12096 / 6);
        assertThat(split).as("runs whose group another shard also builds").isLessThanOrEqualTo(5 * (n - 1));
    }

    @Test
    void everyShardGetsEveryBudgetNotOneBudgetAShard() {
        List<BitSet> halves = ShardAssignment.slices(DSE.runs(), 2);
        for (int i = 0; i < 2; i++) {
            BitSet s = halves.get(i);
            Map<String, Integer> perBudget = new HashMap<>();
            for (int r = s.nextSetBit(0); r >= 0; r = s.nextSetBit(r + 1)) {
                RunSpec run = DSE.runs().get(r);
                perBudget.merge(Objects.toString(run.minSqnrDb()) + run.tvmCompatible(), 1, Integer::sum);
            }
            assertThat(perBudget).hasSize(6);
            assertThat(perBudget.values()).allSatisfy(c -> assertThat(c).isEqualTo(1008));
        }
        assertThat(ShardAssignment.runsOf(DSE.runs(), new Shard(1, 2))).isEqualTo(halves.get(1));
    }
}
