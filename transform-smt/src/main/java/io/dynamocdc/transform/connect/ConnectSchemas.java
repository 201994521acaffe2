package io.dynamocdc.transform.connect;

import static io.dynamocdc.transform.EnvelopeFields.*;

import io.dynamocdc.transform.AttributeValue;
import io.dynamocdc.transform.FieldSpec;
import io.dynamocdc.transform.FieldType;
import io.dynamocdc.transform.Item;
import io.dynamocdc.transform.MetadataField;
import io.dynamocdc.transform.RowFields;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Timestamp;

/** Connect schemas for rows, keys and envelopes. Only fixed schemas are built here; callers cache the derived ones. */
final class ConnectSchemas {

    static final String NAMESPACE = "io.dynamocdc";
    static final String ROW_SCHEMA_NAME = NAMESPACE + ".Row";

    static final Schema SOURCE_SCHEMA = SchemaBuilder.struct().name(NAMESPACE + ".Source").version(1)
            .field(SOURCE_VERSION, Schema.STRING_SCHEMA)
            .field(SOURCE_CONNECTOR, Schema.STRING_SCHEMA)
            .field(SOURCE_NAME, Schema.STRING_SCHEMA)
            .field(SOURCE_TS_MS, Schema.INT64_SCHEMA)
            .field(SOURCE_TS_US, Schema.INT64_SCHEMA)
            .field(SOURCE_SNAPSHOT, Schema.OPTIONAL_STRING_SCHEMA)
            .field(SOURCE_DB, Schema.OPTIONAL_STRING_SCHEMA)
            .field(SOURCE_TABLE, Schema.OPTIONAL_STRING_SCHEMA)
            .field(SOURCE_SEQUENCE_NUMBER, Schema.OPTIONAL_STRING_SCHEMA)
            .field(SOURCE_EVENT_ID, Schema.OPTIONAL_STRING_SCHEMA)
            .field(SOURCE_STREAM_ARN, Schema.OPTIONAL_STRING_SCHEMA)
            .field(SOURCE_TTL_DELETE, Schema.BOOLEAN_SCHEMA)
            .build();

    private ConnectSchemas() {
    }

    /** The schema of one declared column. */
    static Schema column(FieldType type) {
        return switch (type.kind()) {
            case STRING, JSON -> Schema.OPTIONAL_STRING_SCHEMA;
            case INT -> Schema.OPTIONAL_INT32_SCHEMA;
            case LONG -> Schema.OPTIONAL_INT64_SCHEMA;
            case DOUBLE -> Schema.OPTIONAL_FLOAT64_SCHEMA;
            case BOOLEAN -> Schema.OPTIONAL_BOOLEAN_SCHEMA;
            case DECIMAL -> Decimal.builder(type.scale())
                    .parameter("connect.decimal.precision", Integer.toString(type.precision()))
                    .optional().build();
            case TIMESTAMP -> Timestamp.builder().optional().build();
        };
    }

    static Schema metadataColumn(MetadataField field) {
        return switch (field) {
            case EVENT_TYPE, CREATION_DATETIME -> Schema.STRING_SCHEMA;
            case TTL_DELETE -> Schema.BOOLEAN_SCHEMA;
            // With a schema the old image is JSON text: its attributes need not match the declared columns.
            case SEQUENCE_NUMBER, EVENT_ID, TABLE, REGION, OLD_IMAGE -> Schema.OPTIONAL_STRING_SCHEMA;
        };
    }

    /** The row Struct's schema: declared columns, then metadata columns. */
    static Schema row(RowFields fields, List<MetadataField> metadata) {
        SchemaBuilder row = SchemaBuilder.struct().name(ROW_SCHEMA_NAME);
        for (FieldSpec field : fields.fields()) {
            row.field(field.name(), column(field.type()));
        }
        for (MetadataField field : metadata) {
            row.field(field.column(), metadataColumn(field));
        }
        return row.build();
    }

    /** The before/after schema when row.fields declares it. */
    static Schema declaredValue(String table, RowFields fields) {
        SchemaBuilder value = SchemaBuilder.struct().name(recordName(table, "Value")).optional();
        for (FieldSpec field : fields.fields()) {
            value.field(field.name(), column(field.type()));
        }
        return value.build();
    }

    /**
     * The before/after columns inferred from the images when no row.fields is declared: booleans stay
     * booleans; every other value is text (numbers their exact decimal, binaries base64, maps, lists
     * and sets JSON), so no record can change a column's type except boolean to string.
     */
    static Map<String, Schema> inferredColumns(Item keys, Item before, Item after) {
        Map<String, Schema> columns = new LinkedHashMap<>();
        addInferred(columns, keys);
        if (after != null) {
            addInferred(columns, after);
        }
        if (before != null) {
            addInferred(columns, before);
        }
        return columns;
    }

    /** The before/after schema over inferred columns. */
    static Schema inferredValue(String table, Map<String, Schema> columns) {
        SchemaBuilder value = SchemaBuilder.struct().name(recordName(table, "Value")).optional();
        columns.forEach(value::field);
        return value.build();
    }

    private static void addInferred(Map<String, Schema> columns, Item item) {
        for (int i = 0; i < item.size(); i++) {
            Schema schema = inferredColumn(item.value(i));
            columns.merge(item.name(i), schema, (a, b) -> a.equals(b) ? a : Schema.OPTIONAL_STRING_SCHEMA);
        }
    }

    static Schema inferredColumn(AttributeValue value) {
        return value instanceof AttributeValue.Bool ? Schema.OPTIONAL_BOOLEAN_SCHEMA : Schema.OPTIONAL_STRING_SCHEMA;
    }

    /** The key Struct's schema: each key attribute, typed as declared in row.fields or inferred. */
    static Schema key(String table, Item keys, RowFields fields) {
        SchemaBuilder key = SchemaBuilder.struct().name(recordName(table, "Key"));
        for (int i = 0; i < keys.size(); i++) {
            FieldSpec declared = fields.field(keys.name(i));
            key.field(keys.name(i), declared != null ? column(declared.type()) : inferredColumn(keys.value(i)));
        }
        return key.build();
    }

    static Schema envelope(String table, Schema value) {
        return SchemaBuilder.struct().name(recordName(table, "Envelope")).version(1)
                .field(BEFORE, value)
                .field(AFTER, value)
                .field(SOURCE, SOURCE_SCHEMA)
                .field(OP, Schema.STRING_SCHEMA)
                .field(TS_MS, Schema.OPTIONAL_INT64_SCHEMA)
                .build();
    }

    /** {@code io.dynamocdc.<table>.<kind>}, with the table spelled as an Avro name. */
    static String recordName(String table, String kind) {
        if (table == null || table.isEmpty()) {
            return NAMESPACE + "." + kind;
        }
        StringBuilder name = new StringBuilder(NAMESPACE).append('.');
        if (table.charAt(0) >= '0' && table.charAt(0) <= '9') {
            // An Avro name cannot start with a digit: prefix rather than replace it, so "2024" and "3024" stay apart.
            name.append('_');
        }
        for (int i = 0; i < table.length(); i++) {
            char c = table.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (c >= '0' && c <= '9');
            name.append(ok ? c : '_');
        }
        return name.append('.').append(kind).toString();
    }
}
