package io.dynamocdc.transform;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The transform's options, one set of names for every face: the SMT reads them from its config
 * ({@code transforms.cdc.row.fields}), the Lambda from {@code CDC_}-prefixed environment variables
 * ({@code CDC_ROW_FIELDS}), the CLI from its flags. Names, defaults and docs live here so the faces
 * cannot drift apart. Immutable.
 */
public final class TransformOptions {

    public static final String OUTPUT_FORMAT = "output.format";
    public static final String OUTPUT_FORMAT_DEFAULT = "row";
    public static final String OUTPUT_FORMAT_DOC = "What each change becomes. 'row': one flat row with the item's attributes "
            + "(key attributes first) and the metadata columns of metadata.fields. 'envelope': a Debezium-compatible change "
            + "event (before, after, source, op, ts_ms) that Debezium's ExtractNewRecordState and Debezium-aware sinks accept.";

    public static final String ROW_FIELDS = "row.fields";
    public static final String ROW_FIELDS_DEFAULT = "";
    public static final String ROW_FIELDS_DOC = "Typed columns, as name:type pairs separated by commas, e.g. "
            + "'orderid:string,quantity:int,price:decimal(10,2)'. Types: string, int, long, double, decimal(p,s) (p up to 38), "
            + "boolean, timestamp (from epoch seconds or ISO-8601 text), json (the value as JSON text). When set, rows hold "
            + "exactly these columns in this order (an attribute the item lacks is null; undeclared attributes are left out) "
            + "and a value that does not fit its type is an error, never rounded; the Connect face then emits a Struct with "
            + "that schema. Empty: every attribute, untyped.";

    public static final String METADATA_FIELDS = "metadata.fields";
    public static final String METADATA_FIELDS_DEFAULT = "cdc_event_type,creation_datetime";
    public static final String METADATA_FIELDS_DOC = "Metadata columns appended to each row, in this order, separated by commas. "
            + "Any of: " + MetadataField.columnList() + ". Empty: none.";

    public static final String DELETE_HANDLING = "delete.handling";
    public static final String DELETE_HANDLING_DEFAULT = "row";
    public static final String DELETE_HANDLING_DOC = "What a REMOVE becomes. 'row': a row (or envelope with op=d) from the old image, "
            + "or from the key when the stream has no old image. 'drop': nothing (the Lambda answers Dropped). "
            + "'tombstone': in Kafka Connect, a record with the item key and a null value; elsewhere the same as drop.";

    /** Environment variables of the Lambda carry this prefix before the option's name. */
    public static final String ENVIRONMENT_PREFIX = "CDC_";

    /** Every option name, in documentation order. */
    public static final List<String> NAMES = List.of(OUTPUT_FORMAT, ROW_FIELDS, METADATA_FIELDS, DELETE_HANDLING);

    private static final TransformOptions DEFAULTS = parse(Map.of());

    private final OutputFormat outputFormat;
    private final RowFields rowFields;
    private final List<MetadataField> metadataFields;
    private final DeleteHandling deleteHandling;

    private TransformOptions(OutputFormat outputFormat, RowFields rowFields, List<MetadataField> metadataFields,
                             DeleteHandling deleteHandling) {
        this.outputFormat = outputFormat;
        this.rowFields = rowFields;
        this.metadataFields = List.copyOf(metadataFields);
        this.deleteHandling = deleteHandling;
    }

    public static TransformOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Reads options by name; absent ones take their defaults, unknown names are ignored (a Connect
     * config holds other keys too).
     *
     * @throws InvalidOptionException naming the first option whose value is wrong
     */
    public static TransformOptions parse(Map<String, ?> values) {
        OutputFormat format = choice(OUTPUT_FORMAT, text(values, OUTPUT_FORMAT, OUTPUT_FORMAT_DEFAULT), OutputFormat.class);
        DeleteHandling deletes = choice(DELETE_HANDLING, text(values, DELETE_HANDLING, DELETE_HANDLING_DEFAULT), DeleteHandling.class);
        String fieldsText = text(values, ROW_FIELDS, ROW_FIELDS_DEFAULT);
        RowFields fields;
        try {
            fields = RowFields.parse(fieldsText);
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionException(ROW_FIELDS, fieldsText, e.getMessage());
        }
        String metadataText = text(values, METADATA_FIELDS, METADATA_FIELDS_DEFAULT);
        List<MetadataField> metadata = metadataFields(metadataText);
        for (MetadataField field : metadata) {
            if (fields.field(field.column()) != null) {
                throw new InvalidOptionException(ROW_FIELDS, fieldsText,
                        "field '" + field.column() + "' has the name of a metadata column chosen in " + METADATA_FIELDS);
            }
        }
        return new TransformOptions(format, fields, metadata, deletes);
    }

    /** Reads options from environment variables named {@code CDC_} + the option upper-cased, dots to underscores. */
    public static TransformOptions fromEnvironment(Map<String, String> environment) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : NAMES) {
            String value = environment.get(environmentName(name));
            if (value != null) {
                values.put(name, value);
            }
        }
        try {
            return parse(values);
        } catch (InvalidOptionException e) {
            throw new InvalidOptionException(environmentName(e.option()), e.value(), e.reason());
        }
    }

    /** {@code row.fields} → {@code CDC_ROW_FIELDS}. */
    public static String environmentName(String option) {
        return ENVIRONMENT_PREFIX + option.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    /** The options as name → value text, so that they can be handed to another face unchanged. */
    public Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put(OUTPUT_FORMAT, outputFormat.optionValue());
        map.put(ROW_FIELDS, rowFields.toString());
        StringBuilder metadata = new StringBuilder();
        for (MetadataField field : metadataFields) {
            if (metadata.length() > 0) {
                metadata.append(',');
            }
            metadata.append(field.column());
        }
        map.put(METADATA_FIELDS, metadata.toString());
        map.put(DELETE_HANDLING, deleteHandling.optionValue());
        return map;
    }

    public OutputFormat outputFormat() {
        return outputFormat;
    }

    public RowFields rowFields() {
        return rowFields;
    }

    /** True when {@code row.fields} declares typed columns. */
    public boolean hasRowSchema() {
        return !rowFields.isEmpty();
    }

    public List<MetadataField> metadataFields() {
        return metadataFields;
    }

    public DeleteHandling deleteHandling() {
        return deleteHandling;
    }

    /** Checks a metadata.fields value; throws InvalidOptionException naming the unknown column. */
    public static List<MetadataField> metadataFields(String text) {
        return NamedChoice.parseList(METADATA_FIELDS, text, MetadataField.values(), "column");
    }

    private static String text(Map<String, ?> values, String name, String fallback) {
        Object value = values.get(name);
        if (value == null) {
            return fallback;
        }
        if (value instanceof List<?> list) {
            // Connect hands LIST-typed settings over as lists.
            StringBuilder joined = new StringBuilder();
            for (Object member : list) {
                if (joined.length() > 0) {
                    joined.append(',');
                }
                joined.append(member);
            }
            return joined.toString();
        }
        return value.toString();
    }

    private static <E extends Enum<E>> E choice(String option, String value, Class<E> type) {
        String wanted = value.trim().toUpperCase(Locale.ROOT);
        StringBuilder allowed = new StringBuilder();
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(wanted)) {
                return constant;
            }
            if (allowed.length() > 0) {
                allowed.append(", ");
            }
            allowed.append(constant.name().toLowerCase(Locale.ROOT));
        }
        throw new InvalidOptionException(option, value, "expected one of " + allowed);
    }

    @Override
    public String toString() {
        return asMap().toString();
    }
}
