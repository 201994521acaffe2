package io.dynamocdc.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Shard iterators are opaque strings that carry where to read (stream, shard, record index) and when
 * they were issued, so the server keeps no iterator state and can still expire them after 15 minutes.
 * Shaped like DynamoDB's: the stream ARN, {@code |1|}, then an opaque token.
 */
final class ShardIterators {

    static final long LIFETIME_MILLIS = 15 * 60 * 1000L;
    private static final String SEPARATOR = "|1|";

    record Position(String streamArn, String shardId, long index, long issuedAt) {
    }

    private ShardIterators() {
    }

    static String encode(String streamArn, String shardId, long index, long issuedAt) {
        String token = shardId + "|" + index + "|" + issuedAt;
        return streamArn + SEPARATOR + Base64.getUrlEncoder().withoutPadding().encodeToString(token.getBytes(StandardCharsets.UTF_8));
    }

    static Position decode(String iterator) {
        int separator = iterator == null ? -1 : iterator.lastIndexOf(SEPARATOR);
        if (separator <= 0) {
            throw invalid();
        }
        try {
            String token = new String(Base64.getUrlDecoder().decode(iterator.substring(separator + SEPARATOR.length())),
                    StandardCharsets.UTF_8);
            String[] parts = token.split("\\|");
            if (parts.length != 3) {
                throw invalid();
            }
            return new Position(iterator.substring(0, separator), parts[0], Long.parseLong(parts[1]), Long.parseLong(parts[2]));
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    private static DynamoDbException invalid() {
        return DynamoDbException.validation("Invalid ShardIterator");
    }
}
