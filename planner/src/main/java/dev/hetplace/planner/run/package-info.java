/** One placement run, for place and for sweeps: spec in, priced, solved and validated result out. */
package dev.hetplace.planner.run;
