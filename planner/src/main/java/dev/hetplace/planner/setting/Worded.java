package dev.hetplace.planner.setting;

/** A failure whose message names settings, so that the front end that shows it says them in its own wording. */
public interface Worded {
    String message(Wording w);
}
