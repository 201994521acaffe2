package io.dynamocdc.testkit.witness;

import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces what legitimately differs between two correct DynamoDB implementations by what must hold
 * of it, so the rest can be compared as is:
 * <ul>
 *   <li>account ids inside ARNs, stream labels (a creation timestamp) → checked shape;</li>
 *   <li>timestamps → "during the run" (with a tolerance), and for stream records whether the time is
 *       whole seconds, which AWS documents;</li>
 *   <li>generated ids (eventID, TableId, shard ids, iterators) → checked shape;</li>
 *   <li>sequence numbers → their rank among all sequence numbers the backend gave, so their ORDER is
 *       compared (and their documented 21–40 digit shape), not their values;</li>
 *   <li>eventVersion → checked shape: the Record reference says clients must not assume its value.</li>
 * </ul>
 * A value of the wrong shape is kept, marked, so it shows up as a difference.
 */
final class Normaliser {

    private static final Set<String> TABLE_ARNS = Set.of("TableArn");
    private static final Set<String> STREAM_ARNS = Set.of("LatestStreamArn", "StreamArn");
    private static final Set<String> STREAM_LABELS = Set.of("LatestStreamLabel", "StreamLabel");
    private static final Set<String> SEQUENCE_NUMBERS = Set.of("SequenceNumber", "StartingSequenceNumber", "EndingSequenceNumber");
    private static final Set<String> SHARD_IDS = Set.of("ShardId", "ParentShardId", "LastEvaluatedShardId");
    private static final Set<String> ITERATORS = Set.of("ShardIterator", "NextShardIterator");

    private static final Pattern SEQUENCE = Pattern.compile("[0-9]{21,40}");
    private static final Pattern SHARD_ID = Pattern.compile("shardId-[0-9]{20}-[0-9a-f]{8}");
    private static final Pattern VERSION = Pattern.compile("[0-9]+(\\.[0-9]+)+");
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");

    private final String tableArnPrefix;
    private final String tableSuffix;
    private final Instant from;
    private final Instant to;
    private final Map<BigInteger, Integer> sequenceRanks = new TreeMap<>();

    /** {@code from} and {@code to}: the run's wall-clock span, already widened by the clock tolerance. */
    Normaliser(String region, String table, Instant from, Instant to) {
        this.tableArnPrefix = "arn:aws:dynamodb:" + region + ":";
        this.tableSuffix = ":table/" + table;
        this.from = from;
        this.to = to;
    }

    Map<String, Object> normalise(Map<String, Object> observed) {
        collectSequenceNumbers(observed);
        int rank = 0;
        for (Map.Entry<BigInteger, Integer> entry : sequenceRanks.entrySet()) {
            entry.setValue(++rank);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> normalised = (Map<String, Object>) walk(null, observed);
        return normalised;
    }

    private Object walk(String member, Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((key, element) -> out.put((String) key, walk((String) key, element)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(element -> out.add(walk(member, element)));
            return out;
        }
        if (value instanceof Instant instant) {
            return time(member, instant);
        }
        if (member == null || !(value instanceof String text)) {
            return value;
        }
        if (TABLE_ARNS.contains(member)) {
            return tableArn(text);
        }
        if (STREAM_ARNS.contains(member)) {
            return streamArn(text);
        }
        if (STREAM_LABELS.contains(member)) {
            return label(text);
        }
        if (SEQUENCE_NUMBERS.contains(member)) {
            return SEQUENCE.matcher(text).matches() ? "<sequence #" + sequenceRanks.get(new BigInteger(text)) + ">"
                    : "MALFORMED sequence number " + text;
        }
        if (SHARD_IDS.contains(member)) {
            return SHARD_ID.matcher(text).matches() ? "<shard id>" : "MALFORMED shard id " + text;
        }
        if (ITERATORS.contains(member)) {
            return text.isBlank() ? "MALFORMED blank iterator" : "<iterator>";
        }
        if (member.equals("eventID")) {
            return text.isBlank() ? "MALFORMED blank eventID" : "<event id>";
        }
        if (member.equals("eventVersion")) {
            return VERSION.matcher(text).matches() ? "<version>" : "MALFORMED eventVersion " + text;
        }
        if (member.equals("TableId")) {
            return UUID.matcher(text).matches() ? "<table id>" : "MALFORMED TableId " + text;
        }
        return value;
    }

    private Object time(String member, Instant instant) {
        if (instant.isBefore(from) || instant.isAfter(to)) {
            return "OUTSIDE THE RUN " + instant;
        }
        if (member.equals("ApproximateCreationDateTime")) {
            // StreamRecord reference: "rounded down to the closest second".
            return instant.getNano() == 0 ? "<during the run, whole seconds>" : "<during the run, with a fraction of a second>";
        }
        return "<during the run>";
    }

    private String tableArn(String arn) {
        Matcher account = accountAfter(arn);
        return account != null && arn.equals(tableArnPrefix + account.group() + tableSuffix)
                ? tableArnPrefix + "<account>" + tableSuffix : "MALFORMED table ARN " + arn;
    }

    private String streamArn(String arn) {
        Matcher account = accountAfter(arn);
        String stream = tableSuffix + "/stream/";
        if (account == null || !arn.startsWith(tableArnPrefix + account.group() + stream)) {
            return "MALFORMED stream ARN " + arn;
        }
        String label = label(arn.substring((tableArnPrefix + account.group() + stream).length()));
        return tableArnPrefix + "<account>" + stream + label;
    }

    private Matcher accountAfter(String arn) {
        if (!arn.startsWith(tableArnPrefix) || arn.length() < tableArnPrefix.length() + 12) {
            return null;
        }
        Matcher account = ACCOUNT.matcher(arn.substring(tableArnPrefix.length(), tableArnPrefix.length() + 12));
        return account.matches() ? account : null;
    }

    /** A stream label is the stream's creation time, ISO 8601 without a zone (UTC). */
    private String label(String label) {
        try {
            Instant created = LocalDateTime.parse(label).toInstant(ZoneOffset.UTC);
            return created.isBefore(from) || created.isAfter(to) ? "OUTSIDE THE RUN label " + label : "<label: creation time>";
        } catch (DateTimeParseException e) {
            return "MALFORMED label " + label;
        }
    }

    private void collectSequenceNumbers(Object value) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, element) -> {
                if (SEQUENCE_NUMBERS.contains(key) && element instanceof String text && SEQUENCE.matcher(text).matches()) {
                    sequenceRanks.put(new BigInteger(text), 0);
                } else {
                    collectSequenceNumbers(element);
                }
            });
        } else if (value instanceof List<?> list) {
            list.forEach(this::collectSequenceNumbers);
        }
    }
}
