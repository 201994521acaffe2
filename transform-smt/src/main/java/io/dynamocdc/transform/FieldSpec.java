package io.dynamocdc.transform;

import java.util.Objects;

/** One declared column of {@code row.fields}: an attribute name and the type it is coerced to. */
public record FieldSpec(String name, FieldType type) {
    public FieldSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    @Override
    public String toString() {
        return name + ":" + type;
    }
}
