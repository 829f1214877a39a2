package dev.hetplace.planner.timefold;

import ai.timefold.solver.core.api.score.director.ScoreDirector;
import ai.timefold.solver.core.impl.heuristic.selector.move.factory.MoveIteratorFactory;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Random;

/**
 * Segment moves for local search (see {@link SegmentNeighbourhood}). In original order it lists every run of
 * 2^k groups from every start to every target; in random order it draws runs and consumer paths forever.
 */
public final class SegmentMoveIteratorFactory implements MoveIteratorFactory<PlacementSolution, SegmentMove> {
    private SegmentNeighbourhood neighbourhood;

    @Override
    public void phaseStarted(ScoreDirector<PlacementSolution> scoreDirector) {
        neighbourhood = SegmentNeighbourhood.of(scoreDirector.getWorkingSolution());
    }

    @Override
    public void phaseEnded(ScoreDirector<PlacementSolution> scoreDirector) {
        neighbourhood = null;
    }

    private SegmentNeighbourhood neighbourhood(ScoreDirector<PlacementSolution> scoreDirector) {
        if (neighbourhood == null || !neighbourhood.belongsTo(scoreDirector.getWorkingSolution())) {
            neighbourhood = SegmentNeighbourhood.of(scoreDirector.getWorkingSolution());
        }
        return neighbourhood;
    }

    @Override
    public long getSize(ScoreDirector<PlacementSolution> scoreDirector) {
        SegmentNeighbourhood n = neighbourhood(scoreDirector);
        return (long) n.targetCount() * n.groupCount() * (n.lengthBits() + 1);
    }

    @Override
    public Iterator<SegmentMove> createOriginalMoveIterator(ScoreDirector<PlacementSolution> scoreDirector) {
        SegmentNeighbourhood n = neighbourhood(scoreDirector);
        return new Iterator<>() {
            private int target;
            private int start;
            private int bit;

            @Override
            public boolean hasNext() {
                return target < n.targetCount();
            }

            @Override
            public SegmentMove next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                SegmentMove move = n.run(target, start, 1 << bit);
                if (++bit > n.lengthBits()) {
                    bit = 0;
                    if (++start == n.groupCount()) {
                        start = 0;
                        target++;
                    }
                }
                return move;
            }
        };
    }

    @Override
    public Iterator<SegmentMove> createRandomMoveIterator(ScoreDirector<PlacementSolution> scoreDirector,
                                                          Random random) {
        SegmentNeighbourhood n = neighbourhood(scoreDirector);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public SegmentMove next() {
                return n.random(random);
            }
        };
    }
}
