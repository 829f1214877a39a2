/** The model IR: graphs of typed layers, their grouping into placement units, and layer addresses. */
package dev.hetplace.ir;
