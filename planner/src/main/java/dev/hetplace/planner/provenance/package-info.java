/** Where a result comes from: build version and commit, Java and Timefold versions, hashes, seed. */
package dev.hetplace.planner.provenance;
