package io.dynamocdc.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynamocdc.transform.InvalidOptionException;
import io.dynamocdc.transform.OutputFormat;
import io.dynamocdc.transform.TransformOptions;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BridgeConfigTest {

    @Test
    void defaultsAreTheSmtsDefaultsAndDateAndHourKeys() {
        BridgeConfig config = BridgeConfig.fromEnvironment(Map.of());

        assertThat(config.transformOptions().asMap()).isEqualTo(TransformOptions.defaults().asMap());
        assertThat(config.partitionKeys()).containsExactly(PartitionKey.DT, PartitionKey.HOUR);
        assertThat(config.maxResponseBytes()).isEqualTo(BridgeConfig.MAX_RESPONSE_BYTES).isLessThan(6 * 1024 * 1024);
    }

    @Test
    void readsTheSmtOptionsUnderTheirEnvironmentNames() {
        BridgeConfig config = BridgeConfig.fromEnvironment(Map.of(
                "CDC_OUTPUT_FORMAT", "envelope",
                "CDC_ROW_FIELDS", "orderid:string,price:decimal(10,2)",
                "CDC_METADATA_FIELDS", "cdc_event_type",
                "CDC_DELETE_HANDLING", "drop",
                "PATH", "/usr/bin"));

        assertThat(config.transformOptions().outputFormat()).isEqualTo(OutputFormat.ENVELOPE);
        assertThat(config.transformOptions().asMap()).containsEntry("row.fields", "orderid:string,price:decimal(10,2)")
                .containsEntry("metadata.fields", "cdc_event_type").containsEntry("delete.handling", "drop");
    }

    @Test
    void errorsNameTheEnvironmentVariable() {
        assertThatThrownBy(() -> BridgeConfig.fromEnvironment(Map.of("CDC_DELETE_HANDLING", "keep")))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessage("invalid value 'keep' for option CDC_DELETE_HANDLING: expected one of row, drop, tombstone");
        assertThatThrownBy(() -> BridgeConfig.fromEnvironment(Map.of("CDC_PARTITION_KEYS", "dt,hour,dt")))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("CDC_PARTITION_KEYS")
                .hasMessageContaining("listed twice");
        assertThatThrownBy(() -> BridgeConfig.fromEnvironment(Map.of("CDC_PARTITION_KEYS", "dt,shard")))
                .hasMessageContaining("unknown partition key 'shard': expected any of dt, hour, year, month, day, table, event_type, region");
    }

    @Test
    void everyVariableIsDocumented() {
        assertThat(BridgeConfig.VARIABLES).extracting(BridgeConfig.Variable::name).containsExactly(
                "CDC_OUTPUT_FORMAT", "CDC_ROW_FIELDS", "CDC_METADATA_FIELDS", "CDC_DELETE_HANDLING", "CDC_PARTITION_KEYS");
        assertThat(BridgeConfig.VARIABLES).allSatisfy(variable -> assertThat(variable.doc()).isNotBlank());
    }
}
