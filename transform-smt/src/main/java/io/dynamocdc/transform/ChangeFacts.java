package io.dynamocdc.transform;

/**
 * The few facts about a change that callers need besides its JSON: what happened, when, to which table,
 * in which region. A {@link ChangeEvent} has them, and so does a {@link TransformedLine}, which the fast
 * path fills without building an event.
 */
public interface ChangeFacts {

    /** INSERT, MODIFY, REMOVE (or READ for a snapshot row). */
    Operation operation();

    /** When the change was made, in microseconds since the epoch, UTC. */
    long creationTimeMicros();

    /** The table, from {@code tableName} or the stream ARN; {@code null} when the record names none. */
    String tableName();

    /** The AWS region; {@code null} when the record names none. */
    String awsRegion();
}
