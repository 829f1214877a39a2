package dev.hetplace.planner.cli;

import dev.hetplace.planner.setting.Setting;
import dev.hetplace.planner.setting.Wording;

/** {@code place}'s wording of the settings the layers below it name: its flags, and its commands where a message points to one. */
final class PlaceFlags {
    static final Wording WORDING = PlaceFlags::flag;

    private PlaceFlags() {
    }

    static String flag(Setting s) {
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
        };
    }
}
