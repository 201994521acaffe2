package io.dynamocdc.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransformOptionsTest {

    @Test
    void defaultsGiveTheSeedRow() {
        TransformOptions options = TransformOptions.defaults();

        assertThat(options.outputFormat()).isEqualTo(OutputFormat.ROW);
        assertThat(options.hasRowSchema()).isFalse();
        assertThat(options.metadataFields()).containsExactly(MetadataField.EVENT_TYPE, MetadataField.CREATION_DATETIME);
        assertThat(options.deleteHandling()).isEqualTo(DeleteHandling.ROW);
    }

    @Test
    void environmentNamesAreCdcPlusTheOptionUpperCased() {
        assertThat(TransformOptions.NAMES).extracting(TransformOptions::environmentName)
                .containsExactly("CDC_OUTPUT_FORMAT", "CDC_ROW_FIELDS", "CDC_METADATA_FIELDS", "CDC_DELETE_HANDLING");
    }

    @Test
    void readsTheLambdasEnvironment() {
        TransformOptions options = TransformOptions.fromEnvironment(Map.of(
                "CDC_OUTPUT_FORMAT", "ENVELOPE",
                "CDC_ROW_FIELDS", "orderid:string, price:decimal(10, 2)",
                "CDC_METADATA_FIELDS", "cdc_sequence_number",
                "CDC_DELETE_HANDLING", "drop",
                "PATH", "/usr/bin"));

        assertThat(options.outputFormat()).isEqualTo(OutputFormat.ENVELOPE);
        assertThat(options.rowFields().fields()).containsExactly(
                new FieldSpec("orderid", FieldType.parse("string")), new FieldSpec("price", FieldType.decimal(10, 2)));
        assertThat(options.metadataFields()).containsExactly(MetadataField.SEQUENCE_NUMBER);
        assertThat(options.deleteHandling()).isEqualTo(DeleteHandling.DROP);
        assertThat(TransformOptions.parse(options.asMap()).asMap()).isEqualTo(options.asMap());
    }

    @Test
    void environmentErrorsNameTheVariable() {
        assertThatThrownBy(() -> TransformOptions.fromEnvironment(Map.of("CDC_ROW_FIELDS", "price:money")))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("CDC_ROW_FIELDS")
                .hasMessageContaining("unknown type 'money'");
    }

    @Test
    void connectListValuesAreAccepted() {
        TransformOptions options = TransformOptions.parse(Map.of("metadata.fields", List.of("cdc_table", "cdc_region")));

        assertThat(options.metadataFields()).containsExactly(MetadataField.TABLE, MetadataField.REGION);
    }

    @Test
    void eachBadValueNamesItsOption() {
        assertBad(Map.of("output.format", "xml"), "output.format", "expected one of row, envelope");
        assertBad(Map.of("delete.handling", "keep"), "delete.handling", "expected one of row, drop, tombstone");
        assertBad(Map.of("metadata.fields", "cdc_event_type,when"), "metadata.fields", "unknown column 'when'");
        assertBad(Map.of("metadata.fields", "cdc_table,cdc_table"), "metadata.fields", "listed twice");
        assertBad(Map.of("row.fields", "price"), "row.fields", "is not name:type");
        assertBad(Map.of("row.fields", "a:int,a:long"), "row.fields", "declared twice");
        assertBad(Map.of("row.fields", "p:decimal(39,2)"), "row.fields", "precision 39 is outside 1..38");
        assertBad(Map.of("row.fields", "p:decimal(5,6)"), "row.fields", "scale 6 is outside 0..5");
        assertBad(Map.of("row.fields", "cdc_event_type:string"), "row.fields", "name of a metadata column");
    }

    @Test
    void rowFieldNamesMayHoldColonsAndDecimalsHoldCommas() {
        RowFields fields = RowFields.parse("a:b:string, price : decimal( 10 , 2 ) ,n:long");

        assertThat(fields.fields()).extracting(FieldSpec::name).containsExactly("a:b", "price", "n");
        assertThat(fields.field("price").type()).isEqualTo(FieldType.decimal(10, 2));
        assertThat(fields).hasToString("a:b:string,price:decimal(10,2),n:long");
    }

    private static void assertBad(Map<String, ?> values, String option, String reason) {
        assertThatThrownBy(() -> TransformOptions.parse(values))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining(option)
                .hasMessageContaining(reason)
                .extracting(e -> ((InvalidOptionException) e).option()).isEqualTo(option);
    }
}
