/** The graph JSON format (read strictly, written canonically). */
package dev.hetplace.ir.json;
