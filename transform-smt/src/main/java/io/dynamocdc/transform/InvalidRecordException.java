package io.dynamocdc.transform;

/**
 * The one error the transform raises for bad input. It says what is wrong ({@link #reason()}) and
 * where: the record's {@code eventID} when it was read before the fault, and the JSON path of the
 * offending field (for example {@code dynamodb.NewImage.price.N}).
 */
public final class InvalidRecordException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String eventId;
    private final String path;
    private final String reason;
    private final String reasonWithoutValues;
    private final String pathWithoutValues;

    public InvalidRecordException(String eventId, String path, String reason) {
        this(eventId, path, reason, reason, null);
    }

    public InvalidRecordException(String eventId, String path, String reason, Throwable cause) {
        this(eventId, path, reason, reason, cause);
    }

    /**
     * @param reasonWithoutValues the same reason with any quoted item value left out, for places that must
     *                            never show record contents (the Lambda's logs)
     */
    public InvalidRecordException(String eventId, String path, String reason, String reasonWithoutValues, Throwable cause) {
        this(eventId, path, path, reason, reasonWithoutValues, cause);
    }

    /** @param pathWithoutValues the path with keys inside map values replaced by {@code *} */
    InvalidRecordException(String eventId, String path, String pathWithoutValues, String reason, String reasonWithoutValues,
                           Throwable cause) {
        super(describe(eventId, path, reason), cause);
        this.eventId = eventId;
        this.path = path;
        this.pathWithoutValues = pathWithoutValues;
        this.reason = reason;
        this.reasonWithoutValues = reasonWithoutValues;
    }

    /** The record's eventID, or {@code null} when the fault came before it could be read. */
    public String eventId() {
        return eventId;
    }

    /** Where in the record the fault is, as a dotted JSON path; {@code null} for the whole record. */
    public String path() {
        return path;
    }

    public String reason() {
        return reason;
    }

    /** The reason without any value taken from the record: safe to log where record contents must not go. */
    public String reasonWithoutValues() {
        return reasonWithoutValues;
    }

    /**
     * The message without anything taken from the item: {@link #reasonWithoutValues()} in place of the
     * reason, and keys inside map values shown as {@code *} in the path (attribute names stay).
     */
    public String describeWithoutValues() {
        return describe(eventId, pathWithoutValues, reasonWithoutValues);
    }

    private static String describe(String eventId, String path, String reason) {
        StringBuilder text = new StringBuilder("invalid DynamoDB stream record");
        if (eventId != null) {
            text.append(" (eventID ").append(eventId).append(')');
        }
        if (path != null && !path.isEmpty()) {
            text.append(" at ").append(path);
        }
        return text.append(": ").append(reason).toString();
    }
}
