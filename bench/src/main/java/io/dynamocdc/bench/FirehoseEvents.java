package io.dynamocdc.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.SplittableRandom;

/**
 * Deterministic Firehose data-transformation events made of {@link SeedOrders} records: what Firehose
 * hands the Lambda when a delivery stream reads the seed's DynamoDB table through Kinesis Data Streams.
 *
 * <pre>
 * {"invocationId":"…uuid…","deliveryStreamArn":"arn:aws:firehose:ap-south-1:…:deliverystream/orders-cdc",
 *  "region":"ap-south-1","records":[{"recordId":"4954…000000","approximateArrivalTimestamp":1761955200417,
 *  "data":"eyJldmVudElEIjoi…"}, …]}
 * </pre>
 *
 * Compact JSON, ASCII. Each record's {@code data} is the base64 of one seed-order stream record (about
 * 660 bytes, so about 880 characters of base64); {@code recordId} is shaped like Firehose's: a long
 * decimal number (56 digits of shard sequence plus a 6-digit index, 62 digits, as in the Lambda's
 * priming event); {@code approximateArrivalTimestamp} is epoch milliseconds, a little after the change's
 * {@code ApproximateCreationDateTime}. 5,000 records make an event of about 5 MB (4.8 MiB), under the
 * 6 MB Lambda allows a synchronous invocation's payload.
 *
 * <p>The same count and seed always give the same bytes. The records are the first N of
 * {@link SeedOrders} with that seed, so {@code records(N)} and this event carry the same changes.
 */
public final class FirehoseEvents {

    public static final String DELIVERY_STREAM_ARN =
            "arn:aws:firehose:" + SeedOrders.REGION + ":123456789012:deliverystream/orders-cdc";
    /** Shard-sequence part of every record id; the index makes each id unique. */
    static final String RECORD_ID_PREFIX = "49546986683135544286507457936321625675700192471156785154";

    private FirehoseEvents() {
    }

    /** An event of {@code count} records from the default seed. */
    public static byte[] event(int count) {
        return event(count, SeedOrders.DEFAULT_SEED);
    }

    /** An event of {@code count} records, the changes and ids generated from {@code seed}. */
    public static byte[] event(int count, long seed) {
        if (count < 0 || count > 999_999) {
            throw new IllegalArgumentException("count must be 0..999999 (the record id keeps 6 digits for it): " + count);
        }
        SeedOrders orders = new SeedOrders(seed);
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        Base64.Encoder base64 = Base64.getEncoder();
        StringBuilder json = new StringBuilder(count * 1_024 + 256);
        json.append("{\"invocationId\":\"").append(uuid(random)).append('"')
                .append(",\"deliveryStreamArn\":\"").append(DELIVERY_STREAM_ARN).append('"')
                .append(",\"region\":\"").append(SeedOrders.REGION).append('"')
                .append(",\"records\":[");
        for (int i = 0; i < count; i++) {
            SeedOrders.Order order = orders.nextOrder();
            // Kinesis receives the change a few hundred milliseconds after DynamoDB made it.
            long arrivalMillis = order.creationEpochSecond() * 1_000 + 50 + random.nextInt(900);
            if (i > 0) {
                json.append(',');
            }
            json.append("{\"recordId\":\"").append(RECORD_ID_PREFIX).append(String.format("%06d", i)).append('"')
                    .append(",\"approximateArrivalTimestamp\":").append(arrivalMillis)
                    .append(",\"data\":\"").append(base64.encodeToString(order.toBytes())).append("\"}");
        }
        json.append("]}");
        return json.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static String uuid(SplittableRandom random) {
        // Version 4 layout, like the ids Firehose gives its invocations.
        String hex = String.format("%016x%016x", random.nextLong(), random.nextLong());
        return hex.substring(0, 8) + '-' + hex.substring(8, 12) + "-4" + hex.substring(13, 16) + '-'
                + "89ab".charAt(Character.digit(hex.charAt(16), 16) & 3) + hex.substring(17, 20) + '-' + hex.substring(20, 32);
    }

    /**
     * Writes one event. Arguments: {@code count path [seed]}; prints the event's size to stderr.
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: FirehoseEvents <count> <path> [seed]");
            System.exit(2);
        }
        int count = Integer.parseInt(args[0]);
        Path path = Path.of(args[1]);
        long seed = args.length == 3 ? Long.parseLong(args[2]) : SeedOrders.DEFAULT_SEED;
        if (path.getParent() != null) {
            Files.createDirectories(path.getParent());
        }
        byte[] event = event(count, seed);
        Files.write(path, event);
        System.err.printf("wrote a Firehose event of %d seed-order records to %s: %,d bytes (%.2f MB, %.2f MiB)%n",
                count, path, event.length, event.length / 1e6, event.length / (1024.0 * 1024.0));
    }
}
