package io.dynamocdc.connector.deployed;

import java.net.URI;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** The application's side of a DynamoDB endpoint (the emulator or moto_server): its tables and their streams. */
final class Tables implements AutoCloseable {

    final URI endpoint;
    final DynamoDbClient db;
    final DynamoDbStreamsClient streams;

    Tables(URI endpoint) {
        this.endpoint = endpoint;
        this.db = Clients.dynamoDb(endpoint);
        this.streams = Clients.streams(endpoint);
    }

    /** An orders table ({@code orderid}) and a lines table ({@code orderid} + {@code line}), with streams. */
    void create(String orders, String lines) {
        db.createTable(b -> b.tableName(orders).billingMode("PAY_PER_REQUEST")
                .keySchema(k -> k.attributeName("orderid").keyType("HASH"))
                .attributeDefinitions(a -> a.attributeName("orderid").attributeType("S"))
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
        db.createTable(b -> b.tableName(lines).billingMode("PAY_PER_REQUEST")
                .keySchema(k -> k.attributeName("orderid").keyType("HASH"), k -> k.attributeName("line").keyType("RANGE"))
                .attributeDefinitions(a -> a.attributeName("orderid").attributeType("S"), a -> a.attributeName("line").attributeType("N"))
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
    }

    /** Every shard of a table's stream, as {@code stream_arn|shard_id}. */
    List<String> shards(String table) {
        String arn = db.describeTable(b -> b.tableName(table)).table().latestStreamArn();
        return streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards().stream()
                .map(shard -> arn + "|" + shard.shardId()).toList();
    }

    /** The offset keys this build writes for every shard of these tables. */
    List<String> offsetKeys(String connector, String... tables) {
        return java.util.Arrays.stream(tables).flatMap(table -> shards(table).stream())
                .map(shard -> ConnectChecks.currentKey(connector, shard)).toList();
    }

    ChangeWriter writer(String orders, String lines, int keys, int perSecond) {
        return new ChangeWriter(db, orders, lines, keys, perSecond);
    }

    @Override
    public void close() {
        db.close();
        streams.close();
    }
}
