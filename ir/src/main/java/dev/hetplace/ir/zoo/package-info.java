/** Built-in models (ResNet, VGG, MobileNet, BERT-base, ...) with their published parameter counts. */
package dev.hetplace.ir.zoo;
