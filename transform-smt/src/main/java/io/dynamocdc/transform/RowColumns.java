package io.dynamocdc.transform;

import java.util.List;

/**
 * Decides what a row holds, for every face alike: which attributes in which order, and each typed
 * column's value. Key attributes come first (in the order of {@code Keys}), then the image's other
 * attributes in their order; declared {@code row.fields} replace that with exactly the declared
 * columns.
 */
public final class RowColumns {

    /** Receives one attribute; may throw what the writer behind it throws. */
    @FunctionalInterface
    public interface AttributeSink<X extends Exception> {
        void accept(String name, AttributeValue value) throws X;
    }

    private RowColumns() {
    }

    /**
     * Hands each attribute of {@code image} to {@code sink}, key attributes first.
     *
     * @param imageField where the image came from, for error paths (e.g. {@code dynamodb.NewImage})
     * @param metadata   the metadata columns the row will also carry: an attribute with such a name is an error
     */
    public static <X extends Exception> void forEachAttribute(ChangeEvent event, Item image, String imageField,
                                                              List<MetadataField> metadata, AttributeSink<X> sink) throws X {
        Item keys = event.keys();
        for (int i = 0; i < keys.size(); i++) {
            String name = keys.name(i);
            checkNotMetadata(event, "dynamodb.Keys", metadata, name);
            AttributeValue value = image.get(name);
            sink.accept(name, value != null ? value : keys.value(i));
        }
        for (int i = 0; i < image.size(); i++) {
            String name = image.name(i);
            if (keys.contains(name)) {
                continue;
            }
            checkNotMetadata(event, imageField, metadata, name);
            sink.accept(name, image.value(i));
        }
    }

    /**
     * The declared column's value from {@code image}, coerced to its type; {@code null} when the item
     * lacks the attribute.
     *
     * @throws InvalidRecordException naming the attribute when the value does not fit the type
     */
    public static Object typedValue(ChangeEvent event, Item image, String imageField, FieldSpec field) {
        AttributeValue value = image.get(field.name());
        if (value == null) {
            value = event.keys().get(field.name());
        }
        try {
            return FieldCoercion.coerce(value, field.type());
        } catch (IllegalArgumentException e) {
            String withoutValues = e instanceof FieldCoercion.ValueDoesNotFit fault ? fault.withoutValues() : "the value does not fit " + field.type();
            throw new InvalidRecordException(event.eventId(), imageField + "." + field.name(), e.getMessage(), withoutValues, null);
        }
    }

    private static void checkNotMetadata(ChangeEvent event, String imageField, List<MetadataField> metadata, String name) {
        for (int i = 0; i < metadata.size(); i++) {
            if (metadata.get(i).column().equals(name)) {
                throw new InvalidRecordException(event.eventId(), imageField + "." + name,
                        "the attribute has the name of the metadata column '" + name
                                + "'; leave that column out of metadata.fields or declare row.fields without it");
            }
        }
    }
}
