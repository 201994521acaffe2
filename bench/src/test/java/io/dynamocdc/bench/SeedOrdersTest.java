package io.dynamocdc.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.dynamocdc.transform.JsonTransform;
import io.dynamocdc.transform.TransformOptions;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedOrdersTest {

    private static final JsonFactory JSON = new JsonFactory();
    private final JsonTransform transform = JsonTransform.create(TransformOptions.defaults());

    @Test
    void recordsBecomeSeedRows() throws IOException {
        SeedOrders orders = new SeedOrders();
        for (int i = 0; i < 500; i++) {
            SeedOrders.Order order = orders.nextOrder();
            byte[] row = transform.apply(order.toBytes());
            assertThat(row).isNotNull();

            Map<String, Object> columns = flatObject(row);
            assertThat(columns).containsOnlyKeys(
                    "orderid", "product_name", "quantity", "price", "cdc_event_type", "creation_datetime");
            assertThat(new ArrayList<>(columns.keySet()).get(0)).as("key attribute first").isEqualTo("orderid");
            assertThat(columns.get("orderid")).isEqualTo(order.orderid());
            assertThat(Integer.parseInt(order.orderid())).isBetween(1, 10_000);
            assertThat(columns.get("product_name")).isEqualTo(order.productName()).isIn((Object[]) SeedOrders.PRODUCTS);
            assertThat(columns.get("quantity")).isEqualTo(new BigDecimal(order.quantity()));
            assertThat(order.quantity()).isBetween(1, 5);
            BigDecimal price = (BigDecimal) columns.get("price");
            assertThat(price).isEqualByComparingTo(order.price());
            assertThat(price).isBetween(new BigDecimal("10.00"), new BigDecimal("500.00"));
            assertThat(price.scale()).isLessThanOrEqualTo(2);
            assertThat(columns.get("cdc_event_type")).isEqualTo("MODIFY");
            assertThat(columns.get("creation_datetime"))
                    .isEqualTo(Instant.ofEpochSecond(order.creationEpochSecond()).toString());
        }
    }

    @Test
    void recordsCarryTheStreamFields() {
        SeedOrders.Order order = new SeedOrders().nextOrder();
        var event = transform.parse(order.toBytes());
        assertThat(event.eventId()).isEqualTo(order.eventId()).matches("[0-9a-f]{32}");
        assertThat(event.sequenceNumber()).isEqualTo(order.sequenceNumber()).matches("[0-9]{24}");
        assertThat(event.eventSourceArn()).isEqualTo(SeedOrders.STREAM_ARN).contains(":table/OrdersRawTable/");
        assertThat(event.awsRegion()).isEqualTo("ap-south-1");
        assertThat(event.streamViewType()).isEqualTo("NEW_AND_OLD_IMAGES");
        assertThat(event.oldImage()).isNotNull();
        assertThat(event.newImage()).isNotNull();
        assertThat(order.oldQuantity()).isNotEqualTo(order.quantity());
        assertThat(order.toBytes().length).isBetween(600, 700);
    }

    @Test
    void sequenceNumbersAndTimesGrow() {
        SeedOrders orders = new SeedOrders();
        SeedOrders.Order previous = orders.nextOrder();
        for (int i = 0; i < 2_000; i++) {
            SeedOrders.Order order = orders.nextOrder();
            assertThat(new BigDecimal(order.sequenceNumber())).isGreaterThan(new BigDecimal(previous.sequenceNumber()));
            assertThat(order.creationEpochSecond()).isGreaterThanOrEqualTo(previous.creationEpochSecond());
            previous = order;
        }
    }

    @Test
    void generationIsDeterministic() {
        List<byte[]> first = SeedOrders.records(1_000);
        List<byte[]> second = SeedOrders.records(1_000);
        assertThat(second).hasSize(1_000);
        for (int i = 0; i < first.size(); i++) {
            assertThat(second.get(i)).isEqualTo(first.get(i));
        }
        assertThat(first.stream().map(String::new).distinct().count()).as("records are distinct").isEqualTo(1_000);

        SeedOrders a = new SeedOrders(42);
        SeedOrders b = new SeedOrders(42);
        SeedOrders other = new SeedOrders(43);
        byte[] fromA = a.next();
        assertThat(b.next()).isEqualTo(fromA);
        assertThat(other.next()).isNotEqualTo(fromA);
    }

    @Test
    void mainWritesJsonLines(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("sub/records.jsonl");
        SeedOrders.main(new String[] {"25", file.toString()});
        List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        assertThat(lines).hasSize(25);
        List<byte[]> expected = SeedOrders.records(25);
        for (int i = 0; i < lines.size(); i++) {
            assertThat(lines.get(i).getBytes(StandardCharsets.US_ASCII)).isEqualTo(expected.get(i));
            assertThat(transform.apply(expected.get(i))).isNotNull();
        }
    }

    @Test
    void dynamoNumbersDropTrailingZeros() {
        assertThat(SeedOrders.dynamoNumber(24_990)).isEqualTo("249.9");
        assertThat(SeedOrders.dynamoNumber(25_000)).isEqualTo("250");
        assertThat(SeedOrders.dynamoNumber(1_005)).isEqualTo("10.05");
        assertThat(SeedOrders.dynamoNumber(50_000)).isEqualTo("500");
    }

    /** A flat JSON object: strings as String, numbers as BigDecimal. */
    private static Map<String, Object> flatObject(byte[] json) throws IOException {
        Map<String, Object> columns = new LinkedHashMap<>();
        try (JsonParser parser = JSON.createParser(json)) {
            assertThat(parser.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            String name;
            while ((name = parser.nextFieldName()) != null) {
                JsonToken token = parser.nextToken();
                Object value = switch (token) {
                    case VALUE_STRING -> parser.getText();
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getDecimalValue();
                    default -> throw new AssertionError("unexpected " + token + " for " + name);
                };
                assertThat(columns.put(name, value)).as("column %s once", name).isNull();
            }
            assertThat(parser.nextToken()).isNull();
        }
        return columns;
    }
}
