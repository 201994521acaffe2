package io.dynamocdc.testkit;

/**
 * An error the emulator answers as DynamoDB words it: the error type the SDKs map to their exception
 * classes ({@code ValidationException}, {@code ResourceNotFoundException} …), the HTTP status and the
 * message.
 */
public final class DynamoDbException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String errorType;
    private final int httpStatus;

    public DynamoDbException(String errorType, int httpStatus, String message) {
        super(message);
        this.errorType = errorType;
        this.httpStatus = httpStatus;
    }

    public static DynamoDbException validation(String message) {
        return new DynamoDbException("ValidationException", 400, message);
    }

    public static DynamoDbException resourceNotFound(String message) {
        return new DynamoDbException("ResourceNotFoundException", 400, message);
    }

    public static DynamoDbException resourceInUse(String message) {
        return new DynamoDbException("ResourceInUseException", 400, message);
    }

    public static DynamoDbException conditionalCheckFailed() {
        return new DynamoDbException("ConditionalCheckFailedException", 400, "The conditional request failed");
    }

    public static DynamoDbException limitExceeded(String message) {
        return new DynamoDbException("LimitExceededException", 400, message);
    }

    public static DynamoDbException expiredIterator(String message) {
        return new DynamoDbException("ExpiredIteratorException", 400, message);
    }

    public static DynamoDbException trimmedDataAccess(String message) {
        return new DynamoDbException("TrimmedDataAccessException", 400, message);
    }

    public static DynamoDbException internalServerError(String message) {
        return new DynamoDbException("InternalServerError", 500, message);
    }

    public static DynamoDbException accessDenied(String message) {
        return new DynamoDbException("AccessDeniedException", 400, message);
    }

    public static DynamoDbException unknownOperation(String target) {
        return new DynamoDbException("UnknownOperationException", 400, "Unknown operation: " + target);
    }

    /** The type the SDKs read from {@code __type}, e.g. {@code ValidationException}. */
    public String errorType() {
        return errorType;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
