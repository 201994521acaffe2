package io.dynamocdc.lambda;

/**
 * Quoted JSON strings for the answer, written as ASCII: {@code "} and {@code \} escaped with a
 * backslash, every other character below 0x20 or above 0x7e as a six-character {@code \}{@code uXXXX}
 * escape. Firehose's ids and partition values are plain ASCII, so in practice this is a copy; the
 * escapes only keep odd input valid. {@link #quotedLength} is exact, which the size budget relies on.
 */
final class JsonStrings {

    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private JsonStrings() {
    }

    static int quotedLength(String text) {
        int length = 2;
        for (int i = 0; i < text.length(); i++) {
            length += escapedLength(text.charAt(i));
        }
        return length;
    }

    private static int escapedLength(char c) {
        if (c == '"' || c == '\\') {
            return 2;
        }
        return c < 0x20 || c > 0x7e ? 6 : 1;
    }

    static void writeQuoted(String text, ByteSink out) {
        int length = text.length();
        byte[] target = out.reserve(length * 6 + 2);
        int o = out.size();
        target[o++] = '"';
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                target[o++] = '\\';
                target[o++] = (byte) c;
            } else if (c < 0x20 || c > 0x7e) {
                target[o++] = '\\';
                target[o++] = 'u';
                target[o++] = HEX[(c >> 12) & 0xf];
                target[o++] = HEX[(c >> 8) & 0xf];
                target[o++] = HEX[(c >> 4) & 0xf];
                target[o++] = HEX[c & 0xf];
            } else {
                target[o++] = (byte) c;
            }
        }
        target[o++] = '"';
        out.advance(o - out.size());
    }
}
