package dev.hetplace.hw;

import java.util.Locale;

/** Tensor layout: plain NCHW, or VTA's blocked NCHW{batch}n{block}c. */
public enum Layout {
    PLAIN, BLOCKED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
