package dev.hetplace.planner.setting;

import java.util.function.Function;

/**
 * Bad input found where no front end's wording is at hand (a pin read from text, a platform that needs a
 * measurement first, a layer an export cannot write): it keeps the message as a function of the wording, and each
 * front end that shows it says which ({@link #message(Throwable, Wording)}).
 */
public class SettingException extends IllegalArgumentException {
    private final transient Function<Wording, String> text;

    public SettingException(Function<Wording, String> text) {
        super(text.apply(Wording.PLAIN));
        this.text = text;
    }

    public String message(Wording w) {
        return text.apply(w);
    }

    /** The message of {@code e} in the front end's wording; a message that names no setting as it is. */
    public static String message(Throwable e, Wording w) {
        return e instanceof SettingException s ? s.message(w) : e.getMessage();
    }
}
