package dev.hetplace.planner.setting;

/**
 * {@code place}'s spelling of the settings the layers below it name: its flags, and its commands where a message
 * points to one. The one table of place's spelling, here rather than in {@code planner.cli} because two front ends
 * say it: {@code place} in its messages, and {@code sweep report} in prose that tells a reader what to type into place.
 */
public final class PlaceSpelling {
    public static final Wording WORDING = PlaceSpelling::flag;

    private PlaceSpelling() {
    }

    public static String flag(Setting s) {
        return switch (s) {
            case MODEL -> "--model";
            case PIN -> "--pin";
            case TVM_COMPATIBLE -> "--tvm-compatible";
            case MIN_SQNR -> "--min-sqnr";
            case SOLVER -> "--solver";
            case NO_DP_SEED -> "--no-dp-seed";
            case VALIDATE -> "--validate";
            case NOISE -> "--noise";
            case PRECISIONS -> "--precisions";
            case WEIGHTS -> "--weights";
            case EXPORT -> "--export";
            case MEASURE -> "place measure";
            case COST -> "place cost";
            case MODELS -> "place models";
            case RUNTIME -> "--runtime";
            case CPU_THREADS -> "--cpu-threads";
            case OUT -> "--out";
            case THREADS -> "--threads";
            // the sweep command's own options: place has no such flag
            case RESUME, SHARD, RETRY_FAILED -> Wording.PLAIN.name(s);
        };
    }
}
