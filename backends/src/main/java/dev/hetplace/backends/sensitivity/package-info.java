/** Per-group quantization noise measured by executing the model, cached with checksums. */
package dev.hetplace.backends.sensitivity;
