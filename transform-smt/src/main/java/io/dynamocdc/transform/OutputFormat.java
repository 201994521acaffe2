package io.dynamocdc.transform;

/** What the transform emits for each change. */
public enum OutputFormat {
    /** One flat row: the item's attributes plus metadata columns. */
    ROW,
    /** A Debezium-compatible change event: before, after, source, op, ts_ms. */
    ENVELOPE;

    public String optionValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
