package dev.hetplace.ir.op;

public enum ActivationKind { RELU, RELU6, CLIP, LEAKY_RELU, SIGMOID, HARD_SIGMOID, HARD_SWISH, GELU, TANH }
