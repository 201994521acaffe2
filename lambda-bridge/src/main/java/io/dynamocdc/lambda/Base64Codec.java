package io.dynamocdc.lambda;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;

/**
 * Standard base64 (RFC 4648, padded) for Firehose's {@code data}: decoding straight from the event's
 * bytes and encoding straight into the answer, without the intermediate Strings the JDK's codec needs.
 * Anything but canonical input (length not a multiple of four, stray characters) is handed to
 * {@link java.util.Base64}, whose verdict stands, so the two never disagree.
 */
final class Base64Codec {

    private static final byte[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int[] VALUES = new int[256];

    static {
        Arrays.fill(VALUES, -1);
        for (int i = 0; i < ALPHABET.length; i++) {
            VALUES[ALPHABET[i]] = i;
        }
    }

    /** The 24 bits of four characters at {@code i}, or a negative number when one is outside the alphabet. */
    private static int quad(byte[] text, int i) {
        // Any -1 makes the whole value negative.
        return VALUES[text[i] & 0xff] << 18 | VALUES[text[i + 1] & 0xff] << 12
                | VALUES[text[i + 2] & 0xff] << 6 | VALUES[text[i + 3] & 0xff];
    }

    private Base64Codec() {
    }

    /** The decoded bytes, or {@code null} when the text is not base64. */
    static byte[] decode(byte[] text, int offset, int length) {
        byte[] fast = decodeCanonical(text, offset, length);
        if (fast != null) {
            return fast;
        }
        try {
            ByteBuffer decoded = Base64.getDecoder().decode(ByteBuffer.wrap(text, offset, length));
            byte[] bytes = new byte[decoded.remaining()];
            decoded.get(bytes);
            return bytes;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] decodeCanonical(byte[] text, int offset, int length) {
        if (length == 0 || (length & 3) != 0) {
            return length == 0 ? new byte[0] : null;
        }
        int end = offset + length;
        int padding = text[end - 1] == '=' ? (text[end - 2] == '=' ? 2 : 1) : 0;
        byte[] out = new byte[length / 4 * 3 - padding];
        int o = 0;
        int full = end - (padding > 0 ? 4 : 0);
        int i = offset;
        while (i < full) {
            int bits = quad(text, i);
            if (bits < 0) {
                return null; // a character outside the alphabet
            }
            out[o] = (byte) (bits >> 16);
            out[o + 1] = (byte) (bits >> 8);
            out[o + 2] = (byte) bits;
            o += 3;
            i += 4;
        }
        if (padding == 1) {
            int bits = VALUES[text[i] & 0xff] << 12 | VALUES[text[i + 1] & 0xff] << 6 | VALUES[text[i + 2] & 0xff];
            if (bits < 0 || (bits & 0x3) != 0) {
                return null;
            }
            out[o] = (byte) (bits >> 10);
            out[o + 1] = (byte) (bits >> 2);
        } else if (padding == 2) {
            int bits = VALUES[text[i] & 0xff] << 6 | VALUES[text[i + 1] & 0xff];
            if (bits < 0 || (bits & 0xf) != 0) {
                return null;
            }
            out[o] = (byte) (bits >> 4);
        }
        return out;
    }

    /**
     * Decodes the JSON string whose text starts at {@code start} (just after its opening quote), finding
     * its closing quote on the way: one pass over the event's bytes instead of a scan and then a decode.
     * Returns {@code null} unless the whole string is canonical padded base64; the caller then looks at
     * it the slow way. The string's length is {@link #encodedLength} of the result.
     *
     * @param scratch a buffer to decode into, replaced by a larger one when too small
     */
    static byte[] decodeQuoted(byte[] text, int start, byte[][] scratch) {
        byte[] out = scratch[0];
        int o = 0;
        int i = start;
        int limit = text.length - 4;
        while (i <= limit) {
            int bits = quad(text, i);
            if (bits < 0) {
                break;
            }
            if (o + 3 > out.length) {
                out = Arrays.copyOf(out, out.length * 2 + 3);
                scratch[0] = out;
            }
            out[o] = (byte) (bits >> 16);
            out[o + 1] = (byte) (bits >> 8);
            out[o + 2] = (byte) bits;
            o += 3;
            i += 4;
        }
        if (i < text.length && text[i] == '"') {
            return Arrays.copyOf(out, o);
        }
        if (i > limit || text[i + 3] != '=' || i + 4 >= text.length || text[i + 4] != '"') {
            return null;
        }
        int tail;
        if (text[i + 2] == '=') {
            int bits = VALUES[text[i] & 0xff] << 6 | VALUES[text[i + 1] & 0xff];
            if (bits < 0 || (bits & 0xf) != 0) {
                return null;
            }
            tail = 1;
            out = Arrays.copyOf(out, o + tail);
            out[o] = (byte) (bits >> 4);
        } else {
            int bits = VALUES[text[i] & 0xff] << 12 | VALUES[text[i + 1] & 0xff] << 6 | VALUES[text[i + 2] & 0xff];
            if (bits < 0 || (bits & 0x3) != 0) {
                return null;
            }
            tail = 2;
            out = Arrays.copyOf(out, o + tail);
            out[o] = (byte) (bits >> 10);
            out[o + 1] = (byte) (bits >> 2);
        }
        return out;
    }

    /** Length of the padded encoding of {@code byteCount} bytes. */
    static int encodedLength(int byteCount) {
        return (byteCount + 2) / 3 * 4;
    }

    /** Appends the padded encoding of the bytes to {@code out}. */
    static void encode(byte[] source, int offset, int length, ByteSink out) {
        byte[] target = out.reserve(encodedLength(length));
        int o = out.size();
        int end = offset + length;
        int full = offset + length / 3 * 3;
        int i = offset;
        while (i < full) {
            int bits = (source[i] & 0xff) << 16 | (source[i + 1] & 0xff) << 8 | (source[i + 2] & 0xff);
            target[o] = ALPHABET[bits >>> 18];
            target[o + 1] = ALPHABET[(bits >>> 12) & 0x3f];
            target[o + 2] = ALPHABET[(bits >>> 6) & 0x3f];
            target[o + 3] = ALPHABET[bits & 0x3f];
            o += 4;
            i += 3;
        }
        int left = end - i;
        if (left == 1) {
            int bits = (source[i] & 0xff) << 16;
            target[o] = ALPHABET[bits >>> 18];
            target[o + 1] = ALPHABET[(bits >>> 12) & 0x3f];
            target[o + 2] = '=';
            target[o + 3] = '=';
            o += 4;
        } else if (left == 2) {
            int bits = (source[i] & 0xff) << 16 | (source[i + 1] & 0xff) << 8;
            target[o] = ALPHABET[bits >>> 18];
            target[o + 1] = ALPHABET[(bits >>> 12) & 0x3f];
            target[o + 2] = ALPHABET[(bits >>> 6) & 0x3f];
            target[o + 3] = '=';
            o += 4;
        }
        out.advance(o - out.size());
    }
}
