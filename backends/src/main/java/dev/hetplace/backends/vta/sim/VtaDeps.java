package dev.hetplace.backends.vta.sim;

/**
 * The dependency-token flags every VTA instruction carries: pop a token from the previous / next module before
 * running, push one to the previous / next module after it.
 */
public record VtaDeps(boolean popPrev, boolean popNext, boolean pushPrev, boolean pushNext) {
    public static final VtaDeps NONE = new VtaDeps(false, false, false, false);

    public VtaDeps withPopPrev(boolean v) {
        return new VtaDeps(v, popNext, pushPrev, pushNext);
    }

    public VtaDeps withPopNext(boolean v) {
        return new VtaDeps(popPrev, v, pushPrev, pushNext);
    }

    public VtaDeps withPushPrev(boolean v) {
        return new VtaDeps(popPrev, popNext, v, pushNext);
    }

    public VtaDeps withPushNext(boolean v) {
        return new VtaDeps(popPrev, popNext, pushPrev, v);
    }

    public boolean any() {
        return popPrev || popNext || pushPrev || pushNext;
    }

    /** The set flags as {@code pop_prev,push_next}, or {@code -}. */
    public String note() {
        StringBuilder sb = new StringBuilder();
        if (popPrev) {
            sb.append(",pop_prev");
        }
        if (popNext) {
            sb.append(",pop_next");
        }
        if (pushPrev) {
            sb.append(",push_prev");
        }
        if (pushNext) {
            sb.append(",push_next");
        }
        return sb.length() == 0 ? "-" : sb.substring(1);
    }
}
