package io.dynamocdc.transform;

import java.util.Objects;

/**
 * One record transformed: the change's facts and its JSON line (row or envelope, ending with {@code \n}),
 * or no line when the options drop the change. Immutable; what {@link JsonTransform#transformLine} gives.
 */
public final class TransformedLine implements ChangeFacts {

    private final Operation operation;
    private final long creationTimeMicros;
    private final String tableName;
    private final String awsRegion;
    private final byte[] line;

    /**
     * @param line the JSON bytes with a trailing {@code \n}, or {@code null} when the change is dropped; the
     *             array is kept, not copied
     */
    public TransformedLine(Operation operation, long creationTimeMicros, String tableName, String awsRegion, byte[] line) {
        this.operation = Objects.requireNonNull(operation, "operation");
        this.creationTimeMicros = creationTimeMicros;
        this.tableName = tableName;
        this.awsRegion = awsRegion;
        this.line = line;
    }

    /** The facts of {@code facts} with {@code line}. */
    public static TransformedLine of(ChangeFacts facts, byte[] line) {
        return new TransformedLine(facts.operation(), facts.creationTimeMicros(), facts.tableName(), facts.awsRegion(), line);
    }

    @Override
    public Operation operation() {
        return operation;
    }

    @Override
    public long creationTimeMicros() {
        return creationTimeMicros;
    }

    @Override
    public String tableName() {
        return tableName;
    }

    @Override
    public String awsRegion() {
        return awsRegion;
    }

    /**
     * The row (or envelope) as UTF-8 JSON followed by {@code \n}; {@code null} when the change is dropped
     * (a REMOVE under {@code delete.handling=drop} or {@code tombstone}). The array is shared, not copied:
     * do not modify it.
     */
    public byte[] line() {
        return line;
    }

    /** True when the options dropped the change, so there is no line. */
    public boolean isDropped() {
        return line == null;
    }

    @Override
    public String toString() {
        return "TransformedLine[" + operation + ", " + creationTimeMicros + "us, table " + tableName + ", region " + awsRegion
                + ", " + (line == null ? "dropped" : line.length + " bytes") + "]";
    }
}
