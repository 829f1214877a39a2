/** CPU kernels in fp32, fp16, bf16 and int8 that execute every IR operator. */
package dev.hetplace.backends.cpu;
