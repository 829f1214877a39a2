package dev.hetplace.ir.op;

public enum EltwiseKind { ADD, SUB, MUL, DIV }
