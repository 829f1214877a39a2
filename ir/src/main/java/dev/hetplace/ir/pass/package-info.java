/** Graph passes: batch-norm folding and the grouping of layers into placement groups. */
package dev.hetplace.ir.pass;
