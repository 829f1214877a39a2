/** The on-disk cache folder (HETPLACE_CACHE) shared by measured figures. */
package dev.hetplace.backends.cache;
