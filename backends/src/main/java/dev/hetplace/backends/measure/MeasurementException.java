package dev.hetplace.backends.measure;

/** A measurement file that cannot be used; the message is one line naming the file and line (and column). */
public class MeasurementException extends IllegalArgumentException {
    public MeasurementException(String message) {
        super(message);
    }
}
