package dev.hetplace.backends.vta;

/**
 * VTA cannot run a group (grouped or dilated conv, a tile that no buffer of the configuration can hold, a field
 * of an instruction too narrow). The message is one line naming the group and the limit that was hit.
 */
public class VtaUnsupportedException extends IllegalArgumentException {
    private final String group;
    private final String limit;

    public VtaUnsupportedException(String group, String limit, String detail) {
        super("VTA cannot run group '" + group + "': " + detail + " (limit: " + limit + ")");
        this.group = group;
        this.limit = limit;
    }

    /** The group's name as the graph spells it. */
    public String group() {
        return group;
    }

    /** Short name of the limit, e.g. {@code groups=1}, {@code inp buffer 2048 entries}. */
    public String limit() {
        return limit;
    }
}
