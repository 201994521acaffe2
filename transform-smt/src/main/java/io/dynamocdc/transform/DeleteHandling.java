package io.dynamocdc.transform;

/** What a REMOVE becomes. */
public enum DeleteHandling {
    /** A row (or envelope with op=d) built from the old image, or from the key when the stream has none. */
    ROW,
    /** Nothing: the Lambda answers Dropped, the SMT drops the record, the CLI prints no line. */
    DROP,
    /** Kafka Connect: a record with the item key and a null value, so compacted topics forget the item. Elsewhere: as DROP. */
    TOMBSTONE;

    public String optionValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
