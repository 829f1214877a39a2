/** Devices, precisions and platforms: the JSON hardware profiles, validated, with overrides. */
package dev.hetplace.hw;
