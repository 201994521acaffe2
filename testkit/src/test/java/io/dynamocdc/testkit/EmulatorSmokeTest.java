package io.dynamocdc.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

class EmulatorSmokeTest {

    @Test
    void sdkWritesAndReadsTheStream() {
        try (DynamoDbEmulator emulator = DynamoDbEmulator.start();
             DynamoDbClient db = SdkClients.dynamoDb(emulator.endpoint(), "eu-west-1");
             DynamoDbStreamsClient streams = SdkClients.streams(emulator.endpoint(), "eu-west-1")) {
            var created = db.createTable(b -> b.tableName("orders")
                    .keySchema(k -> k.attributeName("orderid").keyType("HASH"))
                    .attributeDefinitions(a -> a.attributeName("orderid").attributeType("S"))
                    .billingMode("PAY_PER_REQUEST")
                    .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
            String arn = created.tableDescription().latestStreamArn();
            assertThat(arn).startsWith("arn:aws:dynamodb:eu-west-1:000000000000:table/orders/stream/");
            db.putItem(b -> b.tableName("orders").item(Map.of("orderid", s("1"), "qty", n("2"))));
            db.putItem(b -> b.tableName("orders").item(Map.of("orderid", s("1"), "qty", n("3"))));
            db.putItem(b -> b.tableName("orders").item(Map.of("orderid", s("1"), "qty", n("3.0"))));
            db.deleteItem(b -> b.tableName("orders").key(Map.of("orderid", s("1"))));
            var shard = streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards().get(0);
            String iterator = streams.getShardIterator(b -> b.streamArn(arn).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            GetRecordsResponse records = streams.getRecords(b -> b.shardIterator(iterator));
            assertThat(records.records()).extracting(r -> r.eventNameAsString()).containsExactly("INSERT", "MODIFY", "REMOVE");
            assertThat(records.records().get(1).dynamodb().oldImage()).containsEntry("qty", n("2"));
            assertThat(records.nextShardIterator()).isNotNull();
        }
    }

    static AttributeValue s(String text) {
        return AttributeValue.fromS(text);
    }

    static AttributeValue n(String number) {
        return AttributeValue.fromN(number);
    }
}
