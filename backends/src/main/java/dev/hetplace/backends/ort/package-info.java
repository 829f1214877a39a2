/** ONNX Runtime, embedded: sessions, chained partitions and profiles of exported models. */
package dev.hetplace.backends.ort;
