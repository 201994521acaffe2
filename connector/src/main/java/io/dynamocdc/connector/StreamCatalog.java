package io.dynamocdc.connector;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.connect.errors.ConnectException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** The tables the connector captures, their current streams and the streams' shards. */
final class StreamCatalog {

    /** A captured table and its latest stream. */
    record TableStream(String table, String streamArn, String viewType, boolean enabled) {
    }

    private final AwsClients aws;
    private final DynamoDbStreamsSourceConnectorConfig config;

    StreamCatalog(AwsClients aws, DynamoDbStreamsSourceConnectorConfig config) {
        this.aws = aws;
        this.config = config;
    }

    /** Every table of the region the configuration captures, by name. */
    List<String> capturedTables() {
        List<String> tables = new ArrayList<>();
        try {
            aws.dynamoDb.listTablesPaginator().tableNames().forEach(name -> {
                if (config.captures(name)) {
                    tables.add(name);
                }
            });
        } catch (AwsServiceException e) {
            throw awsError("list the tables of " + config.region(), e);
        }
        return tables;
    }

    TableDescription describe(String table) {
        try {
            return aws.dynamoDb.describeTable(b -> b.tableName(table)).table();
        } catch (AwsServiceException e) {
            throw awsError("describe table " + table, e);
        }
    }

    /** The captured tables with a stream; a table without one is named in the exception. */
    List<TableStream> streams() {
        List<TableStream> streams = new ArrayList<>();
        for (String table : capturedTables()) {
            TableDescription description = describe(table);
            if (description.latestStreamArn() == null) {
                throw new ConnectException("table " + table + " has no stream: enable one with NEW_AND_OLD_IMAGES "
                        + "(aws dynamodb update-table --table-name " + table
                        + " --stream-specification StreamEnabled=true,StreamViewType=NEW_AND_OLD_IMAGES)");
            }
            boolean enabled = description.streamSpecification() != null && Boolean.TRUE.equals(description.streamSpecification().streamEnabled());
            streams.add(new TableStream(table, description.latestStreamArn(),
                    enabled ? description.streamSpecification().streamViewTypeAsString() : null, enabled));
        }
        return streams;
    }

    /** All shards of a stream, every page. */
    List<Shard> shards(String streamArn) {
        List<Shard> shards = new ArrayList<>();
        String start = null;
        try {
            do {
                String from = start;
                DescribeStreamResponse page = aws.streams.describeStream(b -> b.streamArn(streamArn).exclusiveStartShardId(from));
                shards.addAll(page.streamDescription().shards());
                start = page.streamDescription().lastEvaluatedShardId();
            } while (start != null);
        } catch (AwsServiceException e) {
            throw awsError("describe stream " + streamArn, e);
        }
        return shards;
    }

    /** The order of the stream's key attributes: hash key, then range key. */
    KeyOrder keyOrder(String table, String streamArn) {
        List<KeySchemaElement> schema;
        try {
            schema = aws.streams.describeStream(b -> b.streamArn(streamArn).limit(1)).streamDescription().keySchema();
        } catch (AwsServiceException e) {
            throw awsError("describe stream " + streamArn, e);
        }
        if (schema.isEmpty()) {
            schema = describe(table).keySchema();
        }
        return new KeyOrder(schema.stream().sorted(Comparator.comparing(element -> element.keyType() == KeyType.HASH ? 0 : 1))
                .map(KeySchemaElement::attributeName).toList());
    }

    /** Whether the stream still receives changes (not disabled, its table not deleted). */
    boolean isEnabled(String streamArn) {
        try {
            return "ENABLED".equals(aws.streams.describeStream(b -> b.streamArn(streamArn).limit(1))
                    .streamDescription().streamStatusAsString());
        } catch (software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException e) {
            return false;
        } catch (AwsServiceException e) {
            throw awsError("describe stream " + streamArn, e);
        }
    }

    /** A failure of AWS as a Connect error that says what was being done and what AWS answered. */
    static ConnectException awsError(String doing, AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
        String hint = switch (code == null ? "" : code) {
            case "UnrecognizedClientException", "InvalidSignatureException", "InvalidClientTokenId",
                 "MissingAuthenticationToken", "ExpiredTokenException" ->
                    " AWS rejected the credentials: check aws.access.key.id / aws.secret.access.key, the default credential "
                            + "chain, or aws.assume.role.arn.";
            case "AccessDeniedException" -> " The credentials lack a permission (see the message).";
            case "ResourceNotFoundException" -> " It does not exist (deleted, or another region or account?).";
            default -> "";
        };
        String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
        message = message == null ? "" : message.endsWith(".") ? message : message + ".";
        return new ConnectException("dynamo-cdc could not " + doing + ": " + code + " (HTTP " + e.statusCode() + ") "
                + message + hint, e);
    }
}
