package io.dynamocdc.transform;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The parsed value of {@code row.fields}: {@code name:type} pairs separated by commas, e.g.
 * {@code orderid:string,quantity:int,price:decimal(10,2)}. Commas inside {@code decimal(p,s)} do not
 * separate; the name is everything before the last colon, so names may hold colons themselves.
 */
public final class RowFields {

    public static final RowFields NONE = new RowFields(List.of());

    private final List<FieldSpec> fields;

    private RowFields(List<FieldSpec> fields) {
        this.fields = List.copyOf(fields);
    }

    public static RowFields of(List<FieldSpec> fields) {
        return new RowFields(fields);
    }

    /** @throws IllegalArgumentException saying which entry is wrong and why */
    public static RowFields parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        List<FieldSpec> fields = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String entry : splitTopLevel(text)) {
            String trimmed = entry.trim();
            int colon = trimmed.lastIndexOf(':');
            if (colon <= 0 || colon == trimmed.length() - 1) {
                throw new IllegalArgumentException("entry '" + trimmed + "' is not name:type");
            }
            String name = trimmed.substring(0, colon).trim();
            FieldType type;
            try {
                type = FieldType.parse(trimmed.substring(colon + 1));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("entry '" + trimmed + "': " + e.getMessage());
            }
            if (!names.add(name)) {
                throw new IllegalArgumentException("field '" + name + "' is declared twice");
            }
            fields.add(new FieldSpec(name, type));
        }
        return new RowFields(fields);
    }

    private static List<String> splitTopLevel(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        parts.removeIf(String::isBlank);
        return parts;
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }

    public List<FieldSpec> fields() {
        return fields;
    }

    /** The declared field of that name, or {@code null}. */
    public FieldSpec field(String name) {
        for (FieldSpec field : fields) {
            if (field.name().equals(name)) {
                return field;
            }
        }
        return null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RowFields rowFields && rowFields.fields.equals(fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (FieldSpec field : fields) {
            if (text.length() > 0) {
                text.append(',');
            }
            text.append(field);
        }
        return text.toString();
    }
}
