/** Re-prices a plan file under its recorded constraints (place check). */
package dev.hetplace.planner.check;
