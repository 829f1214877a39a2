package dev.hetplace.backends.vta;

/**
 * The knobs of TVM's {@code conv2d_packed} / {@code dense_packed} AutoTVM templates, over blocked extents
 * (batch in BATCH blocks, channels in BLOCK_IN / BLOCK_OUT blocks, rows and columns of the output). Splits
 * that a template does not have are {@code [1, extent]} or {@code [1, 1]}. {@code ocNthread} and
 * {@code hNthread} are the virtual threads along output-channel tiles and row tiles: each thread owns its own
 * input, weight, accumulator and output tiles, so the buffers hold {@link #threads()} tiles at once.
 */
public record VtaTiling(VtaSplit tileB, VtaSplit tileH, VtaSplit tileW, VtaSplit tileCi, VtaSplit tileCo,
                        int ocNthread, int hNthread) {

    public VtaTiling {
        if (ocNthread < 1 || ocNthread > 2 || hNthread < 1 || hNthread > 2) {
            throw new IllegalArgumentException("oc_nthread and h_nthread must be 1 or 2, got " + ocNthread + ", "
                    + hNthread);
        }
    }

    public int threads() {
        return ocNthread * hNthread;
    }

    /** The knobs as a log line shows them, e.g. {@code tile_h=[7,8] tile_w=[1,56] ... h_nthread=1}. */
    public String note() {
        StringBuilder sb = new StringBuilder();
        if (tileB.outer() > 1 || tileB.inner() > 1) {
            sb.append("tile_b=").append(tileB).append(' ');
        }
        sb.append("tile_h=").append(tileH).append(" tile_w=").append(tileW).append(" tile_ci=").append(tileCi)
                .append(" tile_co=").append(tileCo).append(" oc_nthread=").append(ocNthread)
                .append(" h_nthread=").append(hNthread);
        return sb.toString();
    }

    @Override
    public String toString() {
        return note();
    }
}
