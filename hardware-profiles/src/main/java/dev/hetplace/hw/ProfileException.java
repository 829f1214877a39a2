package dev.hetplace.hw;

/** A hardware profile that cannot be used; the message is one line naming the file (or built-in) and the field. */
public class ProfileException extends IllegalArgumentException {
    public ProfileException(String message) {
        super(message);
    }
}
