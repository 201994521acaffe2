package io.dynamocdc.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic generator of the seed project's order changes as DynamoDB Streams records (shape 1 of the
 * design: what Lambda, EventBridge Pipes and the connector carry), for benchmarks and tests.
 *
 * <p>Each record is a {@code MODIFY} of table {@code OrdersRawTable} (region {@code ap-south-1},
 * {@code NEW_AND_OLD_IMAGES}) with the seed generator's attributes: {@code orderid} (S, 1..10000),
 * {@code product_name} (S, one of Laptop, Phone, Tablet, Headphones, Charger), {@code quantity} (N, 1..5)
 * and {@code price} (N, 10.00..500.00 in cents). As in the real stream, numbers appear in DynamoDB's
 * normalised form (the seed stored {@code Decimal(str(round(x, 2)))}; DynamoDB drops trailing zeros, so
 * 249.90 arrives as {@code "249.9"} and 250.00 as {@code "250"}). The old image differs in quantity and,
 * for every third change, in price. The layout and field order match
 * {@code transform-smt/src/test/resources/records/seed-modify.json}; a record is about 650 bytes.
 *
 * <p>The same seed always gives the same records, byte for byte. Not thread-safe.
 */
public final class SeedOrders {

    public static final long DEFAULT_SEED = 20251001L;
    public static final String TABLE = "OrdersRawTable";
    public static final String REGION = "ap-south-1";
    public static final String STREAM_ARN =
            "arn:aws:dynamodb:" + REGION + ":123456789012:table/" + TABLE + "/stream/2025-10-01T00:00:00.000";
    /** 2025-11-01T00:00:00Z: the first change's ApproximateCreationDateTime. */
    public static final long FIRST_EPOCH_SECOND = 1_761_955_200L;

    static final String[] PRODUCTS = {"Laptop", "Phone", "Tablet", "Headphones", "Charger"};
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** One generated change: the values a test needs to know what row to expect. */
    public record Order(String eventId, String sequenceNumber, long creationEpochSecond, String orderid,
                        String productName, int quantity, String price, int oldQuantity, String oldPrice) {

        /** The stream record as compact JSON (ASCII, no trailing newline). */
        public String toJson() {
            String keys = "{\"orderid\":{\"S\":\"" + orderid + "\"}}";
            String newImage = image(orderid, productName, quantity, price);
            String oldImage = image(orderid, productName, oldQuantity, oldPrice);
            int sizeBytes = "orderid".length() + orderid.length()
                    + itemSize(orderid, productName, quantity, price) + itemSize(orderid, productName, oldQuantity, oldPrice);
            return "{\"eventID\":\"" + eventId + "\""
                    + ",\"eventName\":\"MODIFY\""
                    + ",\"eventVersion\":\"1.1\""
                    + ",\"eventSource\":\"aws:dynamodb\""
                    + ",\"awsRegion\":\"" + REGION + "\""
                    + ",\"dynamodb\":{"
                    + "\"ApproximateCreationDateTime\":" + creationEpochSecond
                    + ",\"Keys\":" + keys
                    + ",\"NewImage\":" + newImage
                    + ",\"OldImage\":" + oldImage
                    + ",\"SequenceNumber\":\"" + sequenceNumber + "\""
                    + ",\"SizeBytes\":" + sizeBytes
                    + ",\"StreamViewType\":\"NEW_AND_OLD_IMAGES\"}"
                    + ",\"eventSourceARN\":\"" + STREAM_ARN + "\"}";
        }

        public byte[] toBytes() {
            return toJson().getBytes(StandardCharsets.US_ASCII);
        }

        /** DynamoDB's item size rule: attribute name bytes plus value bytes (numbers: about one byte per two digits, plus one). */
        private static int itemSize(String orderid, String productName, int quantity, String price) {
            return "orderid".length() + orderid.length()
                    + "product_name".length() + productName.length()
                    + "quantity".length() + numberSize(Integer.toString(quantity))
                    + "price".length() + numberSize(price);
        }

        private static int numberSize(String number) {
            int digits = number.length() - (number.indexOf('.') >= 0 ? 1 : 0);
            return (digits + 1) / 2 + 1;
        }

        private static String image(String orderid, String productName, int quantity, String price) {
            return "{\"orderid\":{\"S\":\"" + orderid + "\"}"
                    + ",\"product_name\":{\"S\":\"" + productName + "\"}"
                    + ",\"quantity\":{\"N\":\"" + quantity + "\"}"
                    + ",\"price\":{\"N\":\"" + price + "\"}}";
        }
    }

    private final SplittableRandom random;
    private long sequence = 111_100_000_000_000L;
    private long clock = FIRST_EPOCH_SECOND;
    private int index;

    public SeedOrders() {
        this(DEFAULT_SEED);
    }

    public SeedOrders(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** The next change. */
    public Order nextOrder() {
        String eventId = hex32();
        // Sequence numbers grow: 24-digit decimal text, as DynamoDB Streams writes them.
        sequence += 1 + random.nextInt(50);
        String sequenceNumber = String.format("%015d%09d", sequence, index);
        // Roughly one change a second (the seed's generator sleeps 1 s); several may share a second.
        clock += random.nextInt(3);
        String orderid = Integer.toString(1 + random.nextInt(10_000));
        String product = PRODUCTS[random.nextInt(PRODUCTS.length)];
        int quantity = 1 + random.nextInt(5);
        int oldQuantity = 1 + (quantity + random.nextInt(4)) % 5; // 1..5, never equal to quantity
        long cents = 1_000 + random.nextInt(49_001);               // 10.00 .. 500.00
        long oldCents = index % 3 == 0 ? 1_000 + random.nextInt(49_001) : cents;
        index++;
        return new Order(eventId, sequenceNumber, clock, orderid, product, quantity, dynamoNumber(cents),
                oldQuantity, dynamoNumber(oldCents));
    }

    /** The next change as record bytes. */
    public byte[] next() {
        return nextOrder().toBytes();
    }

    /** The first {@code count} records of the default seed. */
    public static List<byte[]> records(int count) {
        SeedOrders orders = new SeedOrders();
        List<byte[]> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            records.add(orders.next());
        }
        return records;
    }

    /** Cents as DynamoDB returns a number: plain decimal, no trailing zeros ("249.9", "250", "10.05"). */
    static String dynamoNumber(long cents) {
        return BigDecimal.valueOf(cents, 2).stripTrailingZeros().toPlainString();
    }

    private String hex32() {
        char[] out = new char[32];
        long high = random.nextLong();
        long low = random.nextLong();
        for (int i = 0; i < 16; i++) {
            out[i] = HEX[(int) (high >>> (60 - 4 * i)) & 0xF];
            out[16 + i] = HEX[(int) (low >>> (60 - 4 * i)) & 0xF];
        }
        return new String(out);
    }

    /**
     * Writes records as JSON lines. Arguments: {@code count path [seed]}.
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: SeedOrders <count> <path> [seed]");
            System.exit(2);
        }
        int count = Integer.parseInt(args[0]);
        Path path = Path.of(args[1]);
        long seed = args.length == 3 ? Long.parseLong(args[2]) : DEFAULT_SEED;
        if (path.getParent() != null) {
            Files.createDirectories(path.getParent());
        }
        SeedOrders orders = new SeedOrders(seed);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16)) {
            for (int i = 0; i < count; i++) {
                out.write(orders.next());
                out.write('\n');
            }
        }
        System.err.println("wrote " + count + " seed-order records to " + path);
    }
}
