package io.dynamocdc.lambda;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/** A growable byte buffer that can be cut back to an earlier length; the answer is assembled in one. */
final class ByteSink {

    private byte[] bytes;
    private int size;

    ByteSink(int capacity) {
        bytes = new byte[Math.max(16, capacity)];
    }

    int size() {
        return size;
    }

    /** Room for {@code more} bytes; returns the array to write into at {@link #size()}. */
    byte[] reserve(int more) {
        int needed = size + more;
        if (needed > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(needed, bytes.length * 2));
        }
        return bytes;
    }

    /** Marks {@code count} bytes written into the array {@link #reserve} returned. */
    void advance(int count) {
        size += count;
    }

    void write(int b) {
        reserve(1)[size++] = (byte) b;
    }

    void write(byte[] source, int offset, int length) {
        System.arraycopy(source, offset, reserve(length), size, length);
        size += length;
    }

    void write(byte[] source) {
        write(source, 0, source.length);
    }

    /** Appends ASCII text (callers pass only ASCII). */
    void writeAscii(String text) {
        int length = text.length();
        byte[] target = reserve(length);
        for (int i = 0; i < length; i++) {
            target[size + i] = (byte) text.charAt(i);
        }
        size += length;
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(bytes, 0, size);
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }
}
