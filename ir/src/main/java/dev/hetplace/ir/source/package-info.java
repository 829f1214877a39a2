/** Model sources by name: zoo names, .onnx and graph JSON files, and generated wide-dag: graphs. */
package dev.hetplace.ir.source;
