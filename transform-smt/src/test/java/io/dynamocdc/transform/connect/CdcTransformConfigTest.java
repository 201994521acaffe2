package io.dynamocdc.transform.connect;

import static io.dynamocdc.transform.connect.Fixtures.config;
import static io.dynamocdc.transform.connect.Fixtures.record;
import static io.dynamocdc.transform.connect.Fixtures.seedModify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynamocdc.transform.TransformOptions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The SMT's ConfigDef and configure(): every bad value fails there, naming its key. */
class CdcTransformConfigTest {

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of("output.format", "xml", "row, envelope"),
                Arguments.of("delete.handling", "keep", "row, drop, tombstone"),
                Arguments.of("row.fields", "price:decimal(50,2)", "precision 50"),
                Arguments.of("row.fields", "a:int,a:long", "'a' is declared twice"),
                Arguments.of("row.fields", "quantity:integer", "unknown type 'integer'"),
                Arguments.of("row.fields", "quantity", "not name:type"),
                Arguments.of("row.fields", "cdc_event_type:string", "metadata column"),
                Arguments.of("metadata.fields", "bogus", "unknown column 'bogus'"),
                Arguments.of("metadata.fields", "cdc_table,cdc_table", "listed twice"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("badValues")
    void aBadValueFailsInConfigureNamingTheKey(String key, String value, String reason) {
        CdcTransform<SourceRecord> transform = new CdcTransform<>();

        assertThatThrownBy(() -> transform.configure(Map.of(key, value)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(key)
                .hasMessageContaining(reason);
    }

    @Test
    void theConfigDefDefinesTheFourOptionsWithDocsAndValidators() {
        ConfigDef def = new CdcTransform<SourceRecord>().config();

        assertThat(def.names()).containsExactlyInAnyOrder("output.format", "row.fields", "metadata.fields", "delete.handling");
        assertThat(def.names()).containsExactlyInAnyOrderElementsOf(TransformOptions.NAMES);
        for (ConfigDef.ConfigKey key : def.configKeys().values()) {
            assertThat(key.documentation).as("documentation of %s", key.name).isNotBlank();
            assertThat(key.validator).as("validator of %s", key.name).isNotNull();
            assertThat(key.hasDefault()).as("default of %s", key.name).isTrue();
        }
    }

    @Test
    void theDefaultsAreRowsWithTheSeedsMetadataAndDeletesAsRows() {
        Map<String, Object> defaults = new CdcTransform<SourceRecord>().config().defaultValues();

        assertThat(defaults).containsEntry("output.format", "row")
                .containsEntry("row.fields", "")
                .containsEntry("metadata.fields", List.of("cdc_event_type", "creation_datetime"))
                .containsEntry("delete.handling", "row");
    }

    @Test
    void theConfigDefValidatesBadValuesForConnectsValidateCall() {
        Map<String, ConfigValue> results = new HashMap<>();
        for (ConfigValue value : CdcTransform.CONFIG_DEF.validate(Map.of("output.format", "xml", "row.fields", "a:int,a:long"))) {
            results.put(value.name(), value);
        }

        assertThat(results.get("output.format").errorMessages()).isNotEmpty();
        assertThat(results.get("row.fields").errorMessages()).isNotEmpty();
        assertThat(results.get("delete.handling").errorMessages()).isEmpty();
    }

    @Test
    void choicesAreCaseInsensitiveAndListsAreTrimmed() {
        CdcTransform<SourceRecord> transform = Fixtures.transform("output.format", "ENVELOPE", "delete.handling", "Drop",
                "metadata.fields", " cdc_event_id , cdc_table ");

        assertThat(transform.apply(record(seedModify())).value()).isInstanceOf(Struct.class);
        assertThat(transform.apply(record(Fixtures.Sample.REMOVE_TTL.bytes()))).isNull();

        Map<String, Object> row = Fixtures.row(Fixtures.transform("metadata.fields", " cdc_event_id , cdc_table ")
                .apply(record(seedModify())));
        assertThat(row).containsEntry("cdc_event_id", Fixtures.SEED_MODIFY_EVENT_ID).containsEntry("cdc_table", "OrdersRawTable");
    }

    @Test
    void keysOfOtherTransformsInTheSameConfigAreIgnored() {
        CdcTransform<SourceRecord> transform = new CdcTransform<>(Fixtures.CLOCK);

        transform.configure(config("type", CdcTransform.class.getName(), "predicate", "isRaw", "negate", "false"));

        assertThat(transform.apply(record(seedModify())).value()).isInstanceOf(Map.class);
    }
}
