package io.dynamocdc.transform;

/**
 * The JSON path of the field being read, kept as a small stack so that naming the place of a fault
 * costs nothing until a fault happens.
 */
final class PathTrail {

    private String[] names = new String[16];
    private int[] indexes = new int[16];
    private int size;

    void push(String name) {
        grow();
        names[size] = name;
        indexes[size++] = -1;
    }

    void pushIndex(int index) {
        grow();
        names[size] = null;
        indexes[size++] = index;
    }

    void pop() {
        size--;
    }

    @Override
    public String toString() {
        return render(false);
    }

    /** The path with the keys inside map values ({@code M}) shown as {@code *}: such keys are often data. */
    String withoutMapKeys() {
        return render(true);
    }

    private String render(boolean hideMapKeys) {
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < size; i++) {
            if (names[i] == null) {
                path.append('[').append(indexes[i]).append(']');
            } else {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(hideMapKeys && i > 0 && "M".equals(names[i - 1]) ? "*" : names[i]);
            }
        }
        return path.toString();
    }

    private void grow() {
        if (size == names.length) {
            names = java.util.Arrays.copyOf(names, size * 2);
            indexes = java.util.Arrays.copyOf(indexes, size * 2);
        }
    }
}
