package io.dynamocdc.lambda;

/** The status Firehose reads from each answered record. */
public enum TransformationResult {
    /** Transformed; {@code data} is the row. */
    OK("Ok"),
    /** Left out on purpose (e.g. {@code delete.handling=drop}); Firehose counts it as processed. */
    DROPPED("Dropped"),
    /** Could not be transformed; {@code data} is the original, which Firehose keeps under its error prefix. */
    PROCESSING_FAILED("ProcessingFailed");

    private final String wireName;

    TransformationResult(String wireName) {
        this.wireName = wireName;
    }

    /** The word in the response's {@code result} field. */
    public String wireName() {
        return wireName;
    }
}
