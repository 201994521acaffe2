package io.dynamocdc.transform.connect;

import static io.dynamocdc.transform.EnvelopeFields.*;

import io.dynamocdc.transform.AttributeValue;
import io.dynamocdc.transform.ChangeEvent;
import io.dynamocdc.transform.ChangeEventParser;
import io.dynamocdc.transform.DeleteHandling;
import io.dynamocdc.transform.FieldCoercion;
import io.dynamocdc.transform.FieldSpec;
import io.dynamocdc.transform.FieldType;
import io.dynamocdc.transform.InvalidRecordException;
import io.dynamocdc.transform.Item;
import io.dynamocdc.transform.MetadataField;
import io.dynamocdc.transform.Operation;
import io.dynamocdc.transform.PlainJson;
import io.dynamocdc.transform.RowColumns;
import io.dynamocdc.transform.Version;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.cache.Cache;
import org.apache.kafka.common.cache.LRUCache;
import org.apache.kafka.common.cache.SynchronizedCache;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.transforms.Transformation;

/**
 * The CDC transform as a Kafka Connect Single Message Transform. Input value: one raw DynamoDB stream
 * record as a Map (schemaless JSON), Struct, String or byte[]. Output: a row (a Map, or a Struct when
 * {@code row.fields} declares columns) or a Debezium-compatible envelope Struct; the key becomes the
 * item's key. Tombstones and the source connector's heartbeats pass unchanged. Bad records raise a {@link DataException} naming topic, partition and the fault, so
 * {@code errors.tolerance} and dead-letter queues apply.
 */
public class CdcTransform<R extends ConnectRecord<R>> implements Transformation<R>, Versioned {

    public static final String OVERVIEW_DOC = "Turns raw DynamoDB stream records (from the dynamo-cdc source connector, "
            + "or any topic of DynamoDB Streams / Kinesis-for-DynamoDB JSON) into analytics-ready rows or Debezium-compatible "
            + "change events, with the item key as the record key. The same options drive the dynamo-cdc Lambda (as CDC_* "
            + "environment variables) and CLI.";

    public static final ConfigDef CONFIG_DEF = CdcTransformConfig.CONFIG_DEF;

    /** Marks the source connector's heartbeat records, which carry positions, not changes. */
    public static final String HEARTBEAT_HEADER = "dynamo-cdc.heartbeat";

    private static final int SCHEMA_CACHE_SIZE = 64;
    private static final FieldType STRING = FieldType.of(FieldType.Kind.STRING);

    private final ChangeEventParser parser = new ChangeEventParser();
    private final Clock clock;
    private CdcTransformConfig config;
    private List<MetadataField> metadata;
    private Schema rowSchema;
    private Cache<String, Schema> derivedSchemas;

    public CdcTransform() {
        this(Clock.systemUTC());
    }

    /** With a given clock for the envelope's processing time ({@code ts_ms}). */
    public CdcTransform(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void configure(Map<String, ?> configs) {
        config = new CdcTransformConfig(configs);
        metadata = config.transformOptions().metadataFields();
        rowSchema = config.hasRowSchema() ? ConnectSchemas.row(config.rowFields(), metadata) : null;
        derivedSchemas = new SynchronizedCache<>(new LRUCache<>(SCHEMA_CACHE_SIZE));
    }

    @Override
    public R apply(R record) {
        if (record.value() == null || record.headers().lastWithName(HEARTBEAT_HEADER) != null) {
            return record;
        }
        ChangeEvent event = read(record);
        try {
            if (event.operation() == Operation.REMOVE && config.deleteHandling() != DeleteHandling.ROW) {
                return config.deleteHandling() == DeleteHandling.DROP ? null : tombstone(record, event);
            }
            if (config.emitsEnvelope()) {
                return applyEnvelope(record, event);
            }
            return config.hasRowSchema() ? applyWithSchema(record, event) : applySchemaless(record, event);
        } catch (InvalidRecordException e) {
            throw dataException(record, e);
        }
    }

    private R tombstone(R record, ChangeEvent event) {
        if (config.hasRowSchema() || config.emitsEnvelope()) {
            Struct key = keyStruct(event);
            return newRecord(record, key.schema(), key, null, null);
        }
        return newRecord(record, null, ConnectValues.plain(event.keys()), null, null);
    }

    private R applySchemaless(R record, ChangeEvent event) {
        Map<String, Object> row = new LinkedHashMap<>();
        RowColumns.forEachAttribute(event, event.rowImage(), event.rowImageField(), metadata,
                (name, value) -> row.put(name, ConnectValues.plain(value)));
        for (MetadataField field : metadata) {
            row.put(field.column(), metadataValue(event, field, false));
        }
        return newRecord(record, null, ConnectValues.plain(event.keys()), null, row);
    }

    private R applyWithSchema(R record, ChangeEvent event) {
        Struct row = new Struct(rowSchema);
        putDeclared(row, event, event.rowImage(), event.rowImageField());
        for (MetadataField field : metadata) {
            row.put(field.column(), metadataValue(event, field, true));
        }
        Struct key = keyStruct(event);
        return newRecord(record, key.schema(), key, rowSchema, row);
    }

    private R applyEnvelope(R record, ChangeEvent event) {
        Item before = event.envelopeBefore();
        Item after = event.envelopeAfter();
        Schema envelopeSchema = envelopeSchema(event, before, after);
        Schema valueSchema = envelopeSchema.field(AFTER).schema();
        Struct envelope = new Struct(envelopeSchema)
                .put(BEFORE, image(event, before, "dynamodb.OldImage", valueSchema))
                .put(AFTER, image(event, after, "dynamodb.NewImage", valueSchema))
                .put(SOURCE, source(event))
                .put(OP, event.operation().code())
                .put(TS_MS, clock.millis());
        Struct key = keyStruct(event);
        return newRecord(record, key.schema(), key, envelopeSchema, envelope);
    }

    /** The envelope schema for this change, built only when its table and columns are new to the cache. */
    private Schema envelopeSchema(ChangeEvent event, Item before, Item after) {
        String table = event.tableName();
        if (config.hasRowSchema()) {
            return cached("declared|" + table,
                    () -> ConnectSchemas.envelope(table, ConnectSchemas.declaredValue(table, config.rowFields())));
        }
        Map<String, Schema> columns = ConnectSchemas.inferredColumns(event.keys(), before, after);
        StringBuilder signature = new StringBuilder("inferred|").append(table);
        columns.forEach((name, schema) -> signature.append('|').append(name.length()).append(':').append(name)
                .append(':').append(schema.type()));
        return cached(signature.toString(),
                () -> ConnectSchemas.envelope(table, ConnectSchemas.inferredValue(table, columns)));
    }

    private Struct image(ChangeEvent event, Item image, String imageField, Schema schema) {
        if (image == null) {
            return null;
        }
        Struct struct = new Struct(schema);
        if (config.hasRowSchema()) {
            putDeclared(struct, event, image, imageField);
        } else {
            RowColumns.forEachAttribute(event, image, imageField, List.of(),
                    (name, value) -> struct.put(name, inferredValue(value, schema.field(name).schema())));
        }
        return struct;
    }

    private void putDeclared(Struct struct, ChangeEvent event, Item image, String imageField) {
        for (FieldSpec field : config.rowFields().fields()) {
            struct.put(field.name(), typed(RowColumns.typedValue(event, image, imageField, field)));
        }
    }

    private Struct source(ChangeEvent event) {
        return new Struct(ConnectSchemas.SOURCE_SCHEMA)
                .put(SOURCE_VERSION, Version.get())
                .put(SOURCE_CONNECTOR, CONNECTOR)
                .put(SOURCE_NAME, NAME)
                .put(SOURCE_TS_MS, event.creationTimeMillis())
                .put(SOURCE_TS_US, event.creationTimeMicros())
                .put(SOURCE_SNAPSHOT, event.operation() == Operation.READ ? "true" : "false")
                .put(SOURCE_DB, event.awsRegion())
                .put(SOURCE_TABLE, event.tableName())
                .put(SOURCE_SEQUENCE_NUMBER, event.sequenceNumber())
                .put(SOURCE_EVENT_ID, event.eventId())
                .put(SOURCE_STREAM_ARN, event.eventSourceArn())
                .put(SOURCE_TTL_DELETE, event.isTtlDelete());
    }

    private Struct keyStruct(ChangeEvent event) {
        Item keys = event.keys();
        StringBuilder signature = new StringBuilder("key|").append(event.tableName());
        for (int i = 0; i < keys.size(); i++) {
            signature.append('|').append(keys.name(i)).append(':').append(keys.value(i).type());
        }
        Schema schema = cached(signature.toString(), () -> ConnectSchemas.key(event.tableName(), keys, config.rowFields()));
        Struct key = new Struct(schema);
        for (Field field : schema.fields()) {
            FieldSpec declared = config.rowFields().field(field.name());
            key.put(field, declared != null
                    ? typed(RowColumns.typedValue(event, keys, "dynamodb.Keys", declared))
                    : inferredValue(keys.get(field.name()), field.schema()));
        }
        return key;
    }

    private static Object metadataValue(ChangeEvent event, MetadataField field, boolean withSchema) {
        Object value = field.value(event);
        if (value instanceof Item oldImage) {
            return withSchema ? PlainJson.toText(oldImage) : ConnectValues.plain(oldImage);
        }
        return value;
    }

    /** Core column values to Connect's: Instants become Dates for the Timestamp logical type. */
    private static Object typed(Object value) {
        return value instanceof Instant instant ? Date.from(instant) : value;
    }

    /** A value in an inferred column: a Boolean where the column is boolean, else the text a string column holds. */
    private static Object inferredValue(AttributeValue value, Schema schema) {
        if (schema.type() == Schema.Type.BOOLEAN && value instanceof AttributeValue.Bool b) {
            return b.value();
        }
        return FieldCoercion.coerce(value, STRING);
    }

    private Schema cached(String signature, java.util.function.Supplier<Schema> build) {
        Schema schema = derivedSchemas.get(signature);
        if (schema == null) {
            schema = build.get();
            derivedSchemas.put(signature, schema);
        }
        return schema;
    }

    private ChangeEvent read(R record) {
        Object value = record.value();
        try {
            if (value instanceof Map<?, ?> map) {
                return parser.parse(map);
            }
            if (value instanceof Struct struct) {
                return parser.parse(StructMaps.toMap(struct));
            }
            if (value instanceof byte[] bytes) {
                return parser.parse(bytes);
            }
            if (value instanceof ByteBuffer buffer) {
                return parser.parse(StructMaps.bytes(buffer));
            }
            if (value instanceof String text) {
                return parser.parse(text.getBytes(StandardCharsets.UTF_8));
            }
        } catch (InvalidRecordException e) {
            throw dataException(record, e);
        }
        throw new DataException(where(record) + ": expected a DynamoDB stream record as a Map, Struct, String or byte[], found "
                + value.getClass().getName());
    }

    private DataException dataException(R record, InvalidRecordException e) {
        return new DataException(where(record) + ": " + e.getMessage(), e);
    }

    private static String where(ConnectRecord<?> record) {
        return "record in topic '" + record.topic() + "' partition " + record.kafkaPartition();
    }

    private R newRecord(R record, Schema keySchema, Object key, Schema valueSchema, Object value) {
        return record.newRecord(record.topic(), record.kafkaPartition(), keySchema, key, valueSchema, value,
                record.timestamp(), record.headers());
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    /** The build's version, which Connect's REST API lists with the plugin (GET /connector-plugins). */
    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void close() {
        derivedSchemas = null;
    }
}
