package io.dynamocdc.testkit.expression;

/** One lexical token with its place in the expression text (for "near" in syntax errors). */
record Token(Kind kind, String text, int start, int end) {

    enum Kind {
        /** A run of letters, digits and underscores: an attribute name, keyword, function name or list index. */
        WORD,
        /** {@code #name}: an ExpressionAttributeNames placeholder. */
        NAME_REF,
        /** {@code :value}: an ExpressionAttributeValues placeholder. */
        VALUE_REF,
        /** Operators and punctuation, and any character the grammar has no use for. */
        SYMBOL,
        END
    }

    static final String END_TEXT = "<EOF>";

    boolean is(String symbol) {
        return kind == Kind.SYMBOL && text.equals(symbol);
    }

    /** Keywords (AND, SET, BETWEEN …) are case-insensitive; function names are not. */
    boolean isKeyword(String keyword) {
        return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
    }
}
