package io.dynamocdc.transform.connect;

import io.dynamocdc.transform.InvalidOptionException;
import io.dynamocdc.transform.OutputFormat;
import io.dynamocdc.transform.DeleteHandling;
import io.dynamocdc.transform.RowFields;
import io.dynamocdc.transform.TransformOptions;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * The SMT's configuration: one ConfigDef over the option names the core defines (so the Lambda's
 * {@code CDC_*} variables and these keys never drift apart), with validators that name the bad key.
 */
public final class CdcTransformConfig extends AbstractConfig {

    public static final String OUTPUT_FORMAT_CONFIG = TransformOptions.OUTPUT_FORMAT;
    public static final String ROW_FIELDS_CONFIG = TransformOptions.ROW_FIELDS;
    public static final String METADATA_FIELDS_CONFIG = TransformOptions.METADATA_FIELDS;
    public static final String DELETE_HANDLING_CONFIG = TransformOptions.DELETE_HANDLING;

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(OUTPUT_FORMAT_CONFIG, Type.STRING, TransformOptions.OUTPUT_FORMAT_DEFAULT,
                    new OneOf(OutputFormat.values()), Importance.HIGH, TransformOptions.OUTPUT_FORMAT_DOC)
            .define(ROW_FIELDS_CONFIG, Type.STRING, TransformOptions.ROW_FIELDS_DEFAULT,
                    new RowFieldsValidator(), Importance.MEDIUM, TransformOptions.ROW_FIELDS_DOC)
            .define(METADATA_FIELDS_CONFIG, Type.LIST, TransformOptions.METADATA_FIELDS_DEFAULT,
                    new MetadataFieldsValidator(), Importance.MEDIUM, TransformOptions.METADATA_FIELDS_DOC)
            .define(DELETE_HANDLING_CONFIG, Type.STRING, TransformOptions.DELETE_HANDLING_DEFAULT,
                    new OneOf(DeleteHandling.values()), Importance.MEDIUM, TransformOptions.DELETE_HANDLING_DOC);

    private final TransformOptions options;

    public CdcTransformConfig(Map<?, ?> originals) {
        super(CONFIG_DEF, originals);
        try {
            this.options = TransformOptions.parse(Map.of(
                    OUTPUT_FORMAT_CONFIG, getString(OUTPUT_FORMAT_CONFIG),
                    ROW_FIELDS_CONFIG, getString(ROW_FIELDS_CONFIG),
                    METADATA_FIELDS_CONFIG, getList(METADATA_FIELDS_CONFIG),
                    DELETE_HANDLING_CONFIG, getString(DELETE_HANDLING_CONFIG)));
        } catch (InvalidOptionException e) {
            throw new ConfigException(e.option(), e.value(), e.reason());
        }
    }

    /** The options in the core's terms, shared with the Lambda and the CLI. */
    public TransformOptions transformOptions() {
        return options;
    }

    public OutputFormat outputFormat() {
        return options.outputFormat();
    }

    public boolean emitsEnvelope() {
        return options.outputFormat() == OutputFormat.ENVELOPE;
    }

    /** True when row.fields declares typed columns, so values carry a schema. */
    public boolean hasRowSchema() {
        return options.hasRowSchema();
    }

    public RowFields rowFields() {
        return options.rowFields();
    }

    public DeleteHandling deleteHandling() {
        return options.deleteHandling();
    }

    /** Accepts one of an enum's constants, in any case. */
    static final class OneOf implements ConfigDef.Validator {
        private final List<String> allowed;

        OneOf(Enum<?>[] constants) {
            this.allowed = Arrays.stream(constants).map(c -> c.name().toLowerCase(Locale.ROOT)).toList();
        }

        @Override
        public void ensureValid(String name, Object value) {
            if (value == null || !allowed.contains(value.toString().trim().toLowerCase(Locale.ROOT))) {
                throw new ConfigException(name, value, "expected one of " + String.join(", ", allowed));
            }
        }

        @Override
        public String toString() {
            return "one of " + String.join(", ", allowed);
        }
    }

    /** Parses row.fields as the core will, so a typo fails at configure() naming the entry. */
    static final class RowFieldsValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            try {
                RowFields.parse(value == null ? "" : value.toString());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "comma-separated name:type pairs; types string, int, long, double, decimal(p,s), boolean, timestamp, json";
        }
    }

    /** Accepts a list of known metadata column names, each at most once. */
    static final class MetadataFieldsValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            String text = value instanceof List<?> list
                    ? String.join(",", list.stream().map(String::valueOf).toList())
                    : String.valueOf(value);
            try {
                TransformOptions.metadataFields(text);
            } catch (InvalidOptionException e) {
                throw new ConfigException(name, value, e.reason());
            }
        }

        @Override
        public String toString() {
            return "comma-separated subset of " + io.dynamocdc.transform.MetadataField.columnList();
        }
    }
}
