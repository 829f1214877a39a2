package dev.hetplace.planner.onnx;

/**
 * Where an exported node belongs: the plan's device and group (written to the node's {@code metadata_props} as
 * {@code hetplace.device}, {@code hetplace.group}, {@code hetplace.precision}) and the device region (a maximal run
 * of consecutive groups on one device) whose partition file holds it.
 */
record NodeTag(String device, String group, String precision, int region) {
}
