package io.dynamocdc.transform;

/** A transform option with a value it cannot take; names the option, the value and why. */
public final class InvalidOptionException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String option;
    private final String value;
    private final String reason;

    public InvalidOptionException(String option, Object value, String reason) {
        super("invalid value '" + value + "' for option " + option + ": " + reason);
        this.option = option;
        this.value = value == null ? null : String.valueOf(value);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }

    public String option() {
        return option;
    }

    public String value() {
        return value;
    }
}
