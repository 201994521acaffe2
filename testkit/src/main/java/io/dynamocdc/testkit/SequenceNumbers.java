package io.dynamocdc.testkit;

/**
 * Stream sequence numbers: numeric strings of 21 digits ({@code 1} and the counter, zero-padded), so
 * they grow both as numbers and as text, like DynamoDB's (which are 21 to 40 digits).
 */
final class SequenceNumbers {

    private static final int COUNTER_DIGITS = 20;

    private SequenceNumbers() {
    }

    static String text(long counter) {
        String digits = Long.toString(counter);
        StringBuilder text = new StringBuilder(COUNTER_DIGITS + 1).append('1');
        for (int i = digits.length(); i < COUNTER_DIGITS; i++) {
            text.append('0');
        }
        return text.append(digits).toString();
    }

    /** The counter of a sequence number, or -1 when the text is not one of ours. */
    static long counter(String text) {
        if (text == null || text.length() != COUNTER_DIGITS + 1 || text.charAt(0) != '1') {
            return -1;
        }
        long counter = 0;
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            if (counter > (Long.MAX_VALUE - 9) / 10) {
                return -1;
            }
            counter = counter * 10 + (c - '0');
        }
        return counter;
    }
}
