package dev.hetplace.hw;

public enum DeviceKind { CPU, VTA, GPU }
