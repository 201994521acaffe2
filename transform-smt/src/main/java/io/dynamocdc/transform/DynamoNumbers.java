package io.dynamocdc.transform;

import java.math.BigDecimal;

/** Checks DynamoDB number text without ever passing it through a binary floating point type. */
final class DynamoNumbers {

    private DynamoNumbers() {
    }

    /**
     * The number as JSON number text: unchanged when it already is one (the common case, checked
     * without allocating), else the exact value re-spelled ({@code +5} → {@code 5}, {@code .5} →
     * {@code 0.5}). Returns {@code null} when the text is no number at all.
     */
    static String toJsonNumber(String text) {
        if (isJsonNumber(text)) {
            return text;
        }
        try {
            return new BigDecimal(text.trim()).toString();
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** JSON's number grammar: {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}. */
    static boolean isJsonNumber(String s) {
        int n = s.length();
        int i = 0;
        if (i < n && s.charAt(i) == '-') {
            i++;
        }
        if (i >= n) {
            return false;
        }
        char c = s.charAt(i);
        if (c == '0') {
            i++;
        } else if (c >= '1' && c <= '9') {
            i = skipDigits(s, i + 1);
        } else {
            return false;
        }
        if (i < n && s.charAt(i) == '.') {
            int start = i + 1;
            i = skipDigits(s, start);
            if (i == start) {
                return false;
            }
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int start = i;
            i = skipDigits(s, start);
            if (i == start) {
                return false;
            }
        }
        return i == n;
    }

    private static int skipDigits(String s, int i) {
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                break;
            }
            i++;
        }
        return i;
    }
}
