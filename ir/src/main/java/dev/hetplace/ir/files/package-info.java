/** Files written completely or not at all, shared by every module that writes plans, exports, caches and reports. */
package dev.hetplace.ir.files;
