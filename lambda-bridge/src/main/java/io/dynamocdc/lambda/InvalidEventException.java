package io.dynamocdc.lambda;

/**
 * The invocation's event is not a Firehose transformation event, so no record can be answered: the
 * invocation fails and Firehose retries it. A bad record inside a good event never raises this.
 */
public final class InvalidEventException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidEventException(String message) {
        super(message);
    }

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
