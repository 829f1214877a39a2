package dev.hetplace.backends.vta;

/**
 * A two-way split of a loop as AutoTVM writes it: {@code [outer, inner]}, extent = outer x inner, the inner
 * factor being the tile size.
 */
public record VtaSplit(int outer, int inner) {
    public VtaSplit {
        if (outer <= 0 || inner <= 0) {
            throw new IllegalArgumentException("split factors must be positive, got [" + outer + "," + inner + "]");
        }
    }

    public static VtaSplit whole(int extent) {
        return new VtaSplit(1, extent);
    }

    public static VtaSplit ofTile(int extent, int tile) {
        if (extent % tile != 0) {
            throw new IllegalArgumentException("tile " + tile + " does not divide extent " + extent);
        }
        return new VtaSplit(extent / tile, tile);
    }

    public int extent() {
        return outer * inner;
    }

    @Override
    public String toString() {
        return "[" + outer + "," + inner + "]";
    }
}
