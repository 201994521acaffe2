package io.dynamocdc.lambda;

import io.dynamocdc.transform.InvalidOptionException;
import io.dynamocdc.transform.NamedChoice;
import io.dynamocdc.transform.TransformOptions;
import java.util.List;
import java.util.Map;

/**
 * The Lambda's configuration, from its environment: the transform's options under the names the SMT
 * uses ({@code CDC_} + the option upper-cased, dots to underscores: {@code CDC_ROW_FIELDS}) and the
 * Lambda's own {@code CDC_PARTITION_KEYS}. Immutable.
 */
public final class BridgeConfig {

    public static final String PARTITION_KEYS = "partition.keys";
    public static final String PARTITION_KEYS_DEFAULT = "dt,hour";
    public static final String PARTITION_KEYS_DOC = "Keys handed to Firehose in metadata.partitionKeys for dynamic "
            + "partitioning, in this order, separated by commas; use them in the S3 prefix as "
            + "!{partitionKeyFromLambda:<key>}. Any of: " + PartitionKey.describedList() + ". Empty: none.";

    /**
     * Below Lambda's 6 MB limit on a synchronous response, with room to spare: Firehose fails the whole
     * invocation when the answer is larger.
     */
    public static final int MAX_RESPONSE_BYTES = 6_000_000;

    /** One environment variable the function reads, for the generated reference (docs/lambda-config.md). */
    public record Variable(String name, String defaultValue, String doc) {
    }

    /** Every variable, in documentation order: the transform's options first, then the Lambda's own. */
    public static final List<Variable> VARIABLES = List.of(
            variable(TransformOptions.OUTPUT_FORMAT, TransformOptions.OUTPUT_FORMAT_DEFAULT, TransformOptions.OUTPUT_FORMAT_DOC),
            variable(TransformOptions.ROW_FIELDS, TransformOptions.ROW_FIELDS_DEFAULT, TransformOptions.ROW_FIELDS_DOC),
            variable(TransformOptions.METADATA_FIELDS, TransformOptions.METADATA_FIELDS_DEFAULT, TransformOptions.METADATA_FIELDS_DOC),
            variable(TransformOptions.DELETE_HANDLING, TransformOptions.DELETE_HANDLING_DEFAULT, TransformOptions.DELETE_HANDLING_DOC),
            variable(PARTITION_KEYS, PARTITION_KEYS_DEFAULT, PARTITION_KEYS_DOC));

    private final TransformOptions transformOptions;
    private final List<PartitionKey> partitionKeys;
    private final int maxResponseBytes;

    BridgeConfig(TransformOptions transformOptions, List<PartitionKey> partitionKeys, int maxResponseBytes) {
        this.transformOptions = transformOptions;
        this.partitionKeys = List.copyOf(partitionKeys);
        this.maxResponseBytes = maxResponseBytes;
    }

    /**
     * Reads the {@code CDC_*} variables; absent ones take their defaults, others are ignored.
     *
     * @throws InvalidOptionException naming the variable whose value is wrong
     */
    public static BridgeConfig fromEnvironment(Map<String, String> environment) {
        TransformOptions options = TransformOptions.fromEnvironment(environment);
        String keysVariable = TransformOptions.environmentName(PARTITION_KEYS);
        String keysText = environment.getOrDefault(keysVariable, PARTITION_KEYS_DEFAULT);
        return new BridgeConfig(options, partitionKeys(keysVariable, keysText), MAX_RESPONSE_BYTES);
    }

    /** The same configuration with another response limit; for tests of the limit. */
    BridgeConfig withMaxResponseBytes(int limit) {
        return new BridgeConfig(transformOptions, partitionKeys, limit);
    }

    public TransformOptions transformOptions() {
        return transformOptions;
    }

    /** The partition keys to compute for every Ok record, in order; empty when none are wanted. */
    public List<PartitionKey> partitionKeys() {
        return partitionKeys;
    }

    public int maxResponseBytes() {
        return maxResponseBytes;
    }

    static List<PartitionKey> partitionKeys(String variable, String text) {
        return NamedChoice.parseList(variable, text, PartitionKey.values(), "partition key");
    }

    private static Variable variable(String option, String defaultValue, String doc) {
        return new Variable(TransformOptions.environmentName(option), defaultValue, doc);
    }

    @Override
    public String toString() {
        return "BridgeConfig" + transformOptions.asMap() + ", partitionKeys=" + partitionKeys;
    }
}
