package io.dynamocdc.lambda;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded history of the seed's orders table as its DynamoDB stream would carry it: inserts, updates,
 * deletes (some by TTL), orders deleted and placed again, over several UTC hours across midnight, with
 * sequence numbers that grow from 20 to 21 digits. Two records in it cannot be transformed: a price
 * with more fraction digits than the table's decimal column, and a record that is not JSON.
 */
final class OrderHistory {

    static final String[] PRODUCTS = {"Laptop", "Smartphone", "Headphones", "Tablet", "Smartwatch"};
    static final String STREAM_ARN = "arn:aws:dynamodb:ap-south-1:123456789012:table/OrdersRawTable/stream/2025-10-01T00:00:00.000";
    static final DateTimeFormatter DT = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH").withZone(ZoneOffset.UTC);

    record Order(String orderId, String product, long quantity, String price) {
        BigDecimal priceValue() {
            return new BigDecimal(price);
        }
    }

    /** One change as the stream carries it; {@code payload} is what the Pipe hands Firehose. */
    record Change(String eventName, Order newImage, Order oldImage, Instant time, String sequenceNumber,
                  boolean byTtl, byte[] payload) {
        Order image() {
            return newImage != null ? newImage : oldImage;
        }
    }

    /** The changes that must reach the table, in stream order. */
    final List<Change> changes = new ArrayList<>();
    /** Every payload in stream order, those that cannot be transformed included. */
    final List<byte[]> payloads = new ArrayList<>();
    /** Indexes into {@link #payloads} of the records the Lambda must answer ProcessingFailed. */
    final List<Integer> untransformable = new ArrayList<>();

    private final Random random;
    private Instant clock = Instant.parse("2025-10-31T22:41:07Z");
    private BigInteger sequence = BigInteger.TEN.pow(20).subtract(BigInteger.valueOf(1_200));
    private int nextOrderId = 1000;

    private OrderHistory(long seed) {
        this.random = new Random(seed);
    }

    static OrderHistory generate(long seed, int steps) {
        OrderHistory history = new OrderHistory(seed);
        history.run(steps);
        return history;
    }

    private void run(int steps) {
        Map<String, Order> live = new LinkedHashMap<>();
        List<Order> deleted = new ArrayList<>();
        for (int step = 0; step < steps; step++) {
            if (step == steps / 3) {
                // 0.00001 has five fraction digits: decimal(38,4) cannot hold it without rounding.
                untransformable.add(payloads.size());
                payloads.add(record("INSERT", new Order("9999", "Laptop", 1, "249.99001"), null, false));
            }
            if (step == steps / 2) {
                untransformable.add(payloads.size());
                payloads.add("{\"eventID\":\"cut short".getBytes(StandardCharsets.UTF_8));
            }
            int roll = random.nextInt(100);
            if (live.isEmpty() || roll < 45) {
                Order order = new Order(String.valueOf(nextOrderId++), PRODUCTS[random.nextInt(PRODUCTS.length)],
                        1 + random.nextInt(5), price());
                live.put(order.orderId(), order);
                emit("INSERT", order, null, false);
            } else if (roll < 78) {
                Order before = pick(live);
                Order after = random.nextBoolean()
                        ? new Order(before.orderId(), before.product(), before.quantity() + 1 + random.nextInt(3), before.price())
                        : new Order(before.orderId(), before.product(), before.quantity(), price());
                live.put(after.orderId(), after);
                emit("MODIFY", after, before, false);
            } else if (roll < 93) {
                Order gone = live.remove(pick(live).orderId());
                deleted.add(gone);
                emit("REMOVE", null, gone, random.nextInt(4) == 0);
            } else if (!deleted.isEmpty()) {
                Order again = deleted.remove(random.nextInt(deleted.size()));
                Order placed = new Order(again.orderId(), PRODUCTS[random.nextInt(PRODUCTS.length)], 1 + random.nextInt(5), price());
                live.put(placed.orderId(), placed);
                emit("INSERT", placed, null, false);
            }
        }
    }

    private Order pick(Map<String, Order> live) {
        return new ArrayList<>(live.values()).get(random.nextInt(live.size()));
    }

    /** Two fraction digits mostly, sometimes four (sub-cent prices); written as DynamoDB normalises N. */
    private String price() {
        int scale = random.nextInt(10) == 0 ? 4 : 2;
        BigDecimal price = BigDecimal.valueOf(1_000 + random.nextInt(49_000), 2)
                .add(BigDecimal.valueOf(random.nextInt(100), 4)).setScale(scale, RoundingMode.DOWN);
        return price.stripTrailingZeros().toPlainString();
    }

    private void emit(String eventName, Order newImage, Order oldImage, boolean byTtl) {
        byte[] payload = record(eventName, newImage, oldImage, byTtl);
        payloads.add(payload);
        changes.add(new Change(eventName, newImage, oldImage, clock, sequence.toString(), byTtl, payload));
    }

    private byte[] record(String eventName, Order newImage, Order oldImage, boolean byTtl) {
        clock = clock.plusSeconds(random.nextInt(31));
        sequence = sequence.add(BigInteger.valueOf(1 + random.nextInt(7)));
        Order keyOf = newImage != null ? newImage : oldImage;
        ObjectNode record = Events.JSON.createObjectNode();
        byte[] id = new byte[16];
        random.nextBytes(id);
        record.put("eventID", HexFormat.of().formatHex(id));
        record.put("eventName", eventName);
        record.put("eventVersion", "1.1");
        record.put("eventSource", "aws:dynamodb");
        record.put("awsRegion", "ap-south-1");
        ObjectNode dynamodb = record.putObject("dynamodb");
        dynamodb.put("ApproximateCreationDateTime", clock.getEpochSecond());
        dynamodb.putObject("Keys").putObject("orderid").put("S", keyOf.orderId());
        if (newImage != null) {
            image(dynamodb.putObject("NewImage"), newImage);
        }
        if (oldImage != null) {
            image(dynamodb.putObject("OldImage"), oldImage);
        }
        dynamodb.put("SequenceNumber", sequence.toString());
        dynamodb.put("SizeBytes", 60 + random.nextInt(40));
        dynamodb.put("StreamViewType", "NEW_AND_OLD_IMAGES");
        if (byTtl) {
            record.putObject("userIdentity").put("type", "Service").put("principalId", "dynamodb.amazonaws.com");
        }
        record.put("eventSourceARN", STREAM_ARN);
        return record.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void image(ObjectNode image, Order order) {
        image.putObject("orderid").put("S", order.orderId());
        image.putObject("product_name").put("S", order.product());
        image.putObject("quantity").put("N", String.valueOf(order.quantity()));
        image.putObject("price").put("N", order.price());
    }
}
