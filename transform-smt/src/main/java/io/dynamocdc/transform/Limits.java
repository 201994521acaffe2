package io.dynamocdc.transform;

/** Bounds that keep hostile or corrupt input from exhausting the stack or the heap. */
public final class Limits {

    /**
     * Deepest nesting of M and L values accepted. DynamoDB itself allows 32 levels; twice that leaves
     * real data untouched while a 10,000-deep record fails fast instead of overflowing the stack.
     */
    public static final int MAX_ATTRIBUTE_DEPTH = 64;

    /** Longest string accepted, in chars. DynamoDB items are at most 400 KB, so real values stay far below. */
    public static final int MAX_STRING_CHARS = 1 << 20;

    /** JSON nesting the parser accepts: room for {@link #MAX_ATTRIBUTE_DEPTH} (two JSON levels each) and the record around it. */
    static final int MAX_JSON_DEPTH = 2 * MAX_ATTRIBUTE_DEPTH + 16;

    private Limits() {
    }
}
