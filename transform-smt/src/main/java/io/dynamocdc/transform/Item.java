package io.dynamocdc.transform;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable DynamoDB item (or image, or key): attribute names to values, in the order they were
 * read. Stored as two small arrays rather than a hash map, because items in change streams are
 * small and read once.
 */
public final class Item {

    public static final Item EMPTY = new Item(new String[0], new AttributeValue[0]);

    private final String[] names;
    private final AttributeValue[] values;

    private Item(String[] names, AttributeValue[] values) {
        this.names = names;
        this.values = values;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static Item of(Map<String, AttributeValue> attributes) {
        Builder builder = builder();
        attributes.forEach(builder::put);
        return builder.build();
    }

    public int size() {
        return names.length;
    }

    public boolean isEmpty() {
        return names.length == 0;
    }

    public String name(int index) {
        return names[index];
    }

    public AttributeValue value(int index) {
        return values[index];
    }

    /** The value of {@code name}, or {@code null} when the item has no such attribute. */
    public AttributeValue get(String name) {
        int index = indexOf(name);
        return index < 0 ? null : values[index];
    }

    public boolean contains(String name) {
        return indexOf(name) >= 0;
    }

    public int indexOf(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    public List<String> names() {
        return Collections.unmodifiableList(Arrays.asList(names));
    }

    public Map<String, AttributeValue> asMap() {
        Map<String, AttributeValue> map = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            map.put(names[i], values[i]);
        }
        return map;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Item item && asMap().equals(item.asMap());
    }

    @Override
    public int hashCode() {
        return asMap().hashCode();
    }

    @Override
    public String toString() {
        return asMap().toString();
    }

    /** Collects attributes; a repeated name is an error, as it is in DynamoDB. */
    public static final class Builder {
        private final List<String> names = new ArrayList<>(8);
        private final List<AttributeValue> values = new ArrayList<>(8);

        public Builder put(String name, AttributeValue value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            if (names.contains(name)) {
                throw new IllegalArgumentException("attribute '" + name + "' appears twice");
            }
            names.add(name);
            values.add(value);
            return this;
        }

        public Item build() {
            if (names.isEmpty()) {
                return EMPTY;
            }
            return new Item(names.toArray(new String[0]), values.toArray(new AttributeValue[0]));
        }
    }
}
