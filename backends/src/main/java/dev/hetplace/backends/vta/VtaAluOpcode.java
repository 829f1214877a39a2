package dev.hetplace.backends.vta;

/** The tensor ALU's opcodes on the FPGA builds (no MUL); SHL is SHR with a negative immediate. */
public enum VtaAluOpcode { MIN, MAX, ADD, SHR }
