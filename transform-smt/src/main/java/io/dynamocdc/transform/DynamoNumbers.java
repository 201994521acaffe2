package io.dynamocdc.transform;

import java.math.BigDecimal;

/** Checks DynamoDB number text without ever passing it through a binary floating point type. */
public final class DynamoNumbers {

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

    /**
     * An untyped number as both faces write it in a row: a {@link Long} when it is whole and fits, a
     * {@link Double} when the double spells back to the very same decimal, and otherwise its exact text
     * as a String: never a rounded value. Kafka's JsonConverter has no schemaless form for BigDecimal,
     * so this is what the SMT can hand it; the JSON face writes the same, so that a row is the same bytes
     * on both paths. Declare {@code decimal(p,s)} in row.fields to get every digit as a JSON number.
     */
    public static Object plainValue(String text) {
        if (isPlainInteger(text) && text.length() <= 18) {
            return Long.parseLong(text);
        }
        BigDecimal exact = new BigDecimal(text);
        if (exact.signum() == 0) {
            return 0L;
        }
        BigDecimal whole = exact.stripTrailingZeros();
        if (whole.scale() <= 0 && whole.precision() - whole.scale() <= 18) {
            return whole.longValueExact();
        }
        double approximate = exact.doubleValue();
        if (Double.isFinite(approximate) && new BigDecimal(Double.toString(approximate)).compareTo(exact) == 0) {
            return approximate;
        }
        return text;
    }

    private static boolean isPlainInteger(String text) {
        int start = text.startsWith("-") ? 1 : 0;
        if (start == text.length()) {
            return false;
        }
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
