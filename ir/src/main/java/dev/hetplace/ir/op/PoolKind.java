package dev.hetplace.ir.op;

public enum PoolKind { MAX, AVG }
