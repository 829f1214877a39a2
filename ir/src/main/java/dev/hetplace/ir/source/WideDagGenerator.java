package dev.hetplace.ir.source;

import dev.hetplace.ir.Graph;
import dev.hetplace.ir.GraphBuilder;
import dev.hetplace.ir.op.Activation;
import dev.hetplace.ir.op.Conv2d;
import dev.hetplace.ir.op.Eltwise;
import dev.hetplace.ir.op.EltwiseKind;
import dev.hetplace.ir.tensor.TensorType;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The named, seeded generator of wide DAGs ("wide-dag"): a network of 3x3 convs (64 channels, 14x14, each
 * fused with a ReLU) and residual adds, where every add reads a tensor produced up to {@code maxSkip} groups
 * earlier, and {@code width} parallel chains advance round-robin so that at least {@code width} tensors are
 * live at once. Such graphs defeat the exact DP's state space, which grows exponentially with live tensors.
 */
public final class WideDagGenerator {
    public static final String NAME = "wide-dag";

    private WideDagGenerator() {
    }

    /** About {@code groups} groups (convs and adds), {@code width} chains, skips up to {@code maxSkip} groups. */
    public static Graph generate(int groups, int width, int maxSkip, long seed) {
        if (groups < width + 1 || width < 1 || maxSkip < 1) {
            throw new IllegalArgumentException("wide-dag needs groups > width >= 1 and maxSkip >= 1");
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        GraphBuilder b = new GraphBuilder(NAME + "-" + groups + "-w" + width + "-s" + seed);
        int in = b.input("input", TensorType.fp32(1, 64, 14, 14));
        List<Integer> produced = new ArrayList<>();
        int[] heads = new int[width];
        int made = 0;
        for (int c = 0; c < width; c++) {
            heads[c] = conv(b, "c" + c + "_0", in);
            produced.add(heads[c]);
            made++;
        }
        int step = 1;
        while (made < groups - 1) {
            int chain = (made % width);
            int head = heads[chain];
            int next;
            if (rnd.nextInt(3) == 0 && produced.size() > 1) {
                int back = 1 + rnd.nextInt(Math.min(maxSkip, produced.size() - 1));
                int other = produced.get(produced.size() - 1 - back);
                next = other == head ? conv(b, "c" + chain + "_" + step, head)
                        : b.add("add" + chain + "_" + step, Eltwise.of(EltwiseKind.ADD), head, other);
            } else {
                next = conv(b, "c" + chain + "_" + step, head);
            }
            heads[chain] = next;
            produced.add(next);
            made++;
            if (chain == width - 1) {
                step++;
            }
        }
        int sum = heads[0];
        for (int c = 1; c < width; c++) {
            sum = b.add("join" + c, Eltwise.of(EltwiseKind.ADD), sum, heads[c]);
        }
        return b.build(sum);
    }

    private static int conv(GraphBuilder b, String name, int from) {
        int c = b.add(name, Conv2d.square(64, 3, 1, 1, true), from);
        return b.add(name + "_relu", Activation.relu(), c);
    }
}
