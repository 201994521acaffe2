package io.dynamocdc.connector;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The connector's configuration: one {@link ConfigDef}, every key a constant with its documentation,
 * and getters named for what they mean. Names follow Debezium's where Debezium has one
 * ({@code table.include.list}, {@code topic.prefix}).
 */
public final class DynamoDbStreamsSourceConnectorConfig extends AbstractConfig {

    private static final String GROUP_TABLES = "Tables and topics";
    private static final String GROUP_AWS = "AWS";
    private static final String GROUP_READING = "Reading";

    public static final String TABLE_INCLUDE_LIST_CONFIG = "table.include.list";
    private static final String TABLE_INCLUDE_LIST_DOC = "Regular expressions (comma-separated) matching the names of the "
            + "tables to capture; each must match a whole name. Every table of the region when empty.";
    public static final String TABLE_EXCLUDE_LIST_CONFIG = "table.exclude.list";
    private static final String TABLE_EXCLUDE_LIST_DOC = "Regular expressions (comma-separated) matching whole table names "
            + "to leave out, even when included.";
    public static final String TOPIC_PREFIX_CONFIG = "topic.prefix";
    private static final String TOPIC_PREFIX_DOC = "Prefix of every topic: a table's changes go to <topic.prefix>.<table>.";
    public static final String TOPIC_OVERRIDES_CONFIG = "topic.overrides";
    private static final String TOPIC_OVERRIDES_DOC = "Topics for particular tables, as table=topic pairs separated by "
            + "commas, e.g. Orders=orders-changes. Other tables use <topic.prefix>.<table>.";

    public static final String AWS_REGION_CONFIG = "aws.region";
    private static final String AWS_REGION_DOC = "AWS region of the tables, e.g. eu-west-1.";
    public static final String AWS_ENDPOINT_URL_CONFIG = "aws.endpoint.url";
    private static final String AWS_ENDPOINT_URL_DOC = "Endpoint of DynamoDB and DynamoDB Streams, for an emulator or a "
            + "VPC endpoint (e.g. http://localhost:8000). AWS's regional endpoints when empty.";
    public static final String AWS_PROFILE_CONFIG = "aws.profile";
    private static final String AWS_PROFILE_DOC = "A named profile of the worker's shared AWS files (~/.aws/credentials and "
            + "~/.aws/config, or the files AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE name) to take credentials from, "
            + "rather than the whole default chain: for workers that hold profiles for several accounts. Not with "
            + "aws.access.key.id. With aws.assume.role.arn, the profile's credentials assume the role.";
    public static final String AWS_ACCESS_KEY_ID_CONFIG = "aws.access.key.id";
    private static final String AWS_ACCESS_KEY_ID_DOC = "Static access key id. When empty (and aws.profile too), credentials "
            + "come from the default AWS chain (environment, system properties, the default profile, container or instance role).";
    public static final String AWS_SECRET_ACCESS_KEY_CONFIG = "aws.secret.access.key";
    private static final String AWS_SECRET_ACCESS_KEY_DOC = "Static secret key, with aws.access.key.id. A password: never "
            + "logged, and masked by the Connect REST API.";
    public static final String AWS_SESSION_TOKEN_CONFIG = "aws.session.token";
    private static final String AWS_SESSION_TOKEN_DOC = "Session token of temporary static credentials (optional).";
    public static final String AWS_ROLE_ARN_CONFIG = "aws.assume.role.arn";
    private static final String AWS_ROLE_ARN_DOC = "Role to assume (through STS) with the credentials above; none when empty.";
    public static final String AWS_ROLE_EXTERNAL_ID_CONFIG = "aws.assume.role.external.id";
    private static final String AWS_ROLE_EXTERNAL_ID_DOC = "External id the role's trust policy asks for (optional).";
    public static final String AWS_ROLE_SESSION_NAME_CONFIG = "aws.assume.role.session.name";
    private static final String AWS_ROLE_SESSION_NAME_DOC = "Session name of the assumed role, seen in CloudTrail.";

    public static final String STREAM_START_POSITION_CONFIG = "stream.start.position";
    private static final String STREAM_START_POSITION_DOC = "Where to start in a shard that has no stored offset when the "
            + "connector first sees it: TRIM_HORIZON (the oldest record kept, up to 24 hours back), LATEST (only changes "
            + "from now on) or AT_TIMESTAMP (records from stream.start.timestamp on; DynamoDB has no timestamp iterator, so "
            + "the shard is read from TRIM_HORIZON and older records are skipped). Shards that appear later are always read "
            + "from their start.";
    public static final String STREAM_START_TIMESTAMP_CONFIG = "stream.start.timestamp";
    private static final String STREAM_START_TIMESTAMP_DOC = "With AT_TIMESTAMP: the first change time to deliver, as "
            + "ISO-8601 (e.g. 2025-11-01T00:00:00Z).";
    public static final String POLL_INTERVAL_MS_CONFIG = "poll.interval.ms";
    private static final String POLL_INTERVAL_MS_DOC = "Pause before asking an idle shard again. DynamoDB Streams allows "
            + "about five GetRecords calls per second per shard, shared by all its readers.";
    public static final String SHARD_READ_MIN_INTERVAL_MS_CONFIG = "shard.read.min.interval.ms";
    private static final String SHARD_READ_MIN_INTERVAL_MS_DOC = "Least time between two GetRecords calls on one shard, "
            + "even while it has records waiting: DynamoDB Streams throttles more than five calls per second per shard "
            + "(shared by all readers of the shard, so leave room for another consumer).";
    public static final String GET_RECORDS_LIMIT_CONFIG = "get.records.limit";
    private static final String GET_RECORDS_LIMIT_DOC = "Most records one GetRecords call returns (1 to 1000).";
    public static final String SHARD_DISCOVERY_INTERVAL_MS_CONFIG = "shard.discovery.interval.ms";
    private static final String SHARD_DISCOVERY_INTERVAL_MS_DOC = "How often the connector looks for new tables, streams "
            + "and shards (a task follows the children of its own shards on its own).";
    public static final String TRIMMED_DATA_POLICY_CONFIG = "trimmed.data.policy";
    private static final String TRIMMED_DATA_POLICY_DOC = "What to do when a shard's stored position is older than the "
            + "stream keeps (24 hours): 'fail' stops the task with a message naming the table, shard, last sequence number "
            + "and the time span lost. Records are never skipped silently.";

    public static final String SHARD_READER_THREADS_CONFIG = "shard.reader.threads";
    private static final String SHARD_READER_THREADS_DOC = "Threads per task that call GetRecords, each for its own shard "
            + "families (never more than the task has). Each call waits on the network, so one thread taking shards in "
            + "turn would add every call's round trip to the time a change waits; several overlap them, and keep "
            + "the parsing off the worker's thread, which only converts and sends.";
    public static final String HEARTBEAT_INTERVAL_MS_CONFIG = "heartbeat.interval.ms";
    private static final String HEARTBEAT_INTERVAL_MS_DOC = "How often a task sends a heartbeat record for each shard that "
            + "delivered no change since the last one: it carries the shard's position as its offset, so a restart resumes "
            + "there. Needed with LATEST or AT_TIMESTAMP, whose position is otherwise stored only with the first change "
            + "delivered: without it, a task restarted before any change starts from LATEST again (or skips old records "
            + "again). Also shows that idle shards are being read. 0 sends none.";
    public static final String HEARTBEAT_TOPICS_PREFIX_CONFIG = "heartbeat.topics.prefix";
    private static final String HEARTBEAT_TOPICS_PREFIX_DOC = "Heartbeats go to the topic <heartbeat.topics.prefix>"
            + ".<topic.prefix>. Their records carry the header dynamo-cdc.heartbeat, and the dynamo-cdc transform passes "
            + "them through unchanged.";

    /** Where a shard without a stored offset starts. */
    public enum StartPosition { TRIM_HORIZON, LATEST, AT_TIMESTAMP }

    /** What happens when the stored position has been trimmed away. */
    public enum TrimmedDataPolicy { FAIL }

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(TABLE_INCLUDE_LIST_CONFIG, Type.LIST, "", new PatternListValidator(), Importance.HIGH,
                    TABLE_INCLUDE_LIST_DOC, GROUP_TABLES, 1, Width.LONG, "Tables to capture")
            .define(TABLE_EXCLUDE_LIST_CONFIG, Type.LIST, "", new PatternListValidator(), Importance.MEDIUM,
                    TABLE_EXCLUDE_LIST_DOC, GROUP_TABLES, 2, Width.LONG, "Tables to leave out")
            .define(TOPIC_PREFIX_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                    Importance.HIGH, TOPIC_PREFIX_DOC, GROUP_TABLES, 3, Width.MEDIUM, "Topic prefix")
            .define(TOPIC_OVERRIDES_CONFIG, Type.LIST, "", new TopicOverridesValidator(), Importance.LOW,
                    TOPIC_OVERRIDES_DOC, GROUP_TABLES, 4, Width.LONG, "Topics per table")
            .define(AWS_REGION_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                    Importance.HIGH, AWS_REGION_DOC, GROUP_AWS, 1, Width.SHORT, "Region")
            .define(AWS_ENDPOINT_URL_CONFIG, Type.STRING, "", Importance.LOW, AWS_ENDPOINT_URL_DOC, GROUP_AWS, 2,
                    Width.LONG, "Endpoint")
            .define(AWS_PROFILE_CONFIG, Type.STRING, "", Importance.MEDIUM, AWS_PROFILE_DOC, GROUP_AWS, 3, Width.MEDIUM,
                    "Profile")
            .define(AWS_ACCESS_KEY_ID_CONFIG, Type.STRING, "", Importance.MEDIUM, AWS_ACCESS_KEY_ID_DOC, GROUP_AWS, 4,
                    Width.MEDIUM, "Access key id")
            .define(AWS_SECRET_ACCESS_KEY_CONFIG, Type.PASSWORD, "", Importance.MEDIUM, AWS_SECRET_ACCESS_KEY_DOC,
                    GROUP_AWS, 5, Width.MEDIUM, "Secret access key")
            .define(AWS_SESSION_TOKEN_CONFIG, Type.PASSWORD, "", Importance.LOW, AWS_SESSION_TOKEN_DOC, GROUP_AWS, 6,
                    Width.LONG, "Session token")
            .define(AWS_ROLE_ARN_CONFIG, Type.STRING, "", Importance.MEDIUM, AWS_ROLE_ARN_DOC, GROUP_AWS, 7, Width.LONG,
                    "Role to assume")
            .define(AWS_ROLE_EXTERNAL_ID_CONFIG, Type.STRING, "", Importance.LOW, AWS_ROLE_EXTERNAL_ID_DOC, GROUP_AWS, 8,
                    Width.MEDIUM, "External id")
            .define(AWS_ROLE_SESSION_NAME_CONFIG, Type.STRING, "dynamo-cdc", Importance.LOW, AWS_ROLE_SESSION_NAME_DOC,
                    GROUP_AWS, 9, Width.MEDIUM, "Role session name")
            .define(STREAM_START_POSITION_CONFIG, Type.STRING, StartPosition.TRIM_HORIZON.name(),
                    ConfigDef.CaseInsensitiveValidString.in(names(StartPosition.values())), Importance.HIGH,
                    STREAM_START_POSITION_DOC, GROUP_READING, 1, Width.SHORT, "Start position")
            .define(STREAM_START_TIMESTAMP_CONFIG, Type.STRING, "", new TimestampValidator(), Importance.MEDIUM,
                    STREAM_START_TIMESTAMP_DOC, GROUP_READING, 2, Width.MEDIUM, "Start timestamp")
            .define(POLL_INTERVAL_MS_CONFIG, Type.LONG, 250L, ConfigDef.Range.between(0, 60_000), Importance.MEDIUM,
                    POLL_INTERVAL_MS_DOC, GROUP_READING, 3, Width.SHORT, "Poll interval (ms)")
            .define(SHARD_READ_MIN_INTERVAL_MS_CONFIG, Type.LONG, 200L, ConfigDef.Range.between(0, 60_000), Importance.LOW,
                    SHARD_READ_MIN_INTERVAL_MS_DOC, GROUP_READING, 7, Width.SHORT, "Least interval per shard (ms)")
            .define(GET_RECORDS_LIMIT_CONFIG, Type.INT, 1000, ConfigDef.Range.between(1, 1000), Importance.LOW,
                    GET_RECORDS_LIMIT_DOC, GROUP_READING, 4, Width.SHORT, "GetRecords limit")
            .define(SHARD_DISCOVERY_INTERVAL_MS_CONFIG, Type.LONG, 30_000L, ConfigDef.Range.between(100, 3_600_000),
                    Importance.LOW, SHARD_DISCOVERY_INTERVAL_MS_DOC, GROUP_READING, 5, Width.SHORT, "Discovery interval (ms)")
            .define(TRIMMED_DATA_POLICY_CONFIG, Type.STRING, "fail",
                    ConfigDef.CaseInsensitiveValidString.in("fail"), Importance.MEDIUM, TRIMMED_DATA_POLICY_DOC,
                    GROUP_READING, 6, Width.SHORT, "Trimmed data policy")
            .define(SHARD_READER_THREADS_CONFIG, Type.INT, 4, ConfigDef.Range.between(1, 64), Importance.LOW,
                    SHARD_READER_THREADS_DOC, GROUP_READING, 10, Width.SHORT, "Reader threads per task")
            .define(HEARTBEAT_INTERVAL_MS_CONFIG, Type.LONG, 0L, ConfigDef.Range.between(0, 86_400_000), Importance.MEDIUM,
                    HEARTBEAT_INTERVAL_MS_DOC, GROUP_READING, 8, Width.SHORT, "Heartbeat interval (ms)")
            .define(HEARTBEAT_TOPICS_PREFIX_CONFIG, Type.STRING, "__dynamo-cdc-heartbeat", new ConfigDef.NonEmptyString(),
                    Importance.LOW, HEARTBEAT_TOPICS_PREFIX_DOC, GROUP_READING, 9, Width.MEDIUM, "Heartbeat topic prefix");

    public DynamoDbStreamsSourceConnectorConfig(Map<?, ?> originals) {
        super(CONFIG_DEF, originals);
        if (startPosition() == StartPosition.AT_TIMESTAMP && startTimestamp().isEmpty()) {
            throw new ConfigException(STREAM_START_TIMESTAMP_CONFIG, "", "AT_TIMESTAMP needs " + STREAM_START_TIMESTAMP_CONFIG);
        }
        if (accessKeyId().isPresent() && profile().isPresent()) {
            throw new ConfigException(AWS_PROFILE_CONFIG, profile().get(), "give either a profile or static keys ("
                    + AWS_ACCESS_KEY_ID_CONFIG + "), not both");
        }
        if (!getString(AWS_ACCESS_KEY_ID_CONFIG).isEmpty() && getPassword(AWS_SECRET_ACCESS_KEY_CONFIG).value().isEmpty()) {
            throw new ConfigException(AWS_SECRET_ACCESS_KEY_CONFIG, "[hidden]", "a static access key id needs its secret key");
        }
    }

    public List<Pattern> includedTables() {
        return patterns(getList(TABLE_INCLUDE_LIST_CONFIG));
    }

    public List<Pattern> excludedTables() {
        return patterns(getList(TABLE_EXCLUDE_LIST_CONFIG));
    }

    /** Whether a table is captured: included (or no include list) and not excluded. */
    public boolean captures(String table) {
        List<Pattern> included = includedTables();
        boolean in = included.isEmpty() || included.stream().anyMatch(p -> p.matcher(table).matches());
        return in && excludedTables().stream().noneMatch(p -> p.matcher(table).matches());
    }

    public String topicFor(String table) {
        return topicOverrides().getOrDefault(table, getString(TOPIC_PREFIX_CONFIG) + "." + table);
    }

    public Map<String, String> topicOverrides() {
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String pair : getList(TOPIC_OVERRIDES_CONFIG)) {
            int equals = pair.indexOf('=');
            overrides.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
        }
        return overrides;
    }

    public String region() {
        return getString(AWS_REGION_CONFIG);
    }

    public Optional<String> endpointUrl() {
        return optional(getString(AWS_ENDPOINT_URL_CONFIG));
    }

    /** The named profile to take credentials from; empty for static keys or the default chain. */
    public Optional<String> profile() {
        return optional(getString(AWS_PROFILE_CONFIG));
    }

    public Optional<String> accessKeyId() {
        return optional(getString(AWS_ACCESS_KEY_ID_CONFIG));
    }

    public Password secretAccessKey() {
        return getPassword(AWS_SECRET_ACCESS_KEY_CONFIG);
    }

    public Optional<String> sessionToken() {
        return optional(getPassword(AWS_SESSION_TOKEN_CONFIG).value());
    }

    public Optional<String> roleArn() {
        return optional(getString(AWS_ROLE_ARN_CONFIG));
    }

    public Optional<String> roleExternalId() {
        return optional(getString(AWS_ROLE_EXTERNAL_ID_CONFIG));
    }

    public String roleSessionName() {
        return getString(AWS_ROLE_SESSION_NAME_CONFIG);
    }

    public StartPosition startPosition() {
        return StartPosition.valueOf(getString(STREAM_START_POSITION_CONFIG).toUpperCase(Locale.ROOT));
    }

    public Optional<Instant> startTimestamp() {
        return optional(getString(STREAM_START_TIMESTAMP_CONFIG)).map(Instant::parse);
    }

    public Duration pollInterval() {
        return Duration.ofMillis(getLong(POLL_INTERVAL_MS_CONFIG));
    }

    public Duration shardReadMinInterval() {
        return Duration.ofMillis(getLong(SHARD_READ_MIN_INTERVAL_MS_CONFIG));
    }

    public int getRecordsLimit() {
        return getInt(GET_RECORDS_LIMIT_CONFIG);
    }

    public Duration shardDiscoveryInterval() {
        return Duration.ofMillis(getLong(SHARD_DISCOVERY_INTERVAL_MS_CONFIG));
    }

    public TrimmedDataPolicy trimmedDataPolicy() {
        return TrimmedDataPolicy.valueOf(getString(TRIMMED_DATA_POLICY_CONFIG).toUpperCase(Locale.ROOT));
    }

    public int shardReaderThreads() {
        return getInt(SHARD_READER_THREADS_CONFIG);
    }

    /** How often idle shards send a heartbeat; empty when heartbeats are off. */
    public Optional<Duration> heartbeatInterval() {
        long millis = getLong(HEARTBEAT_INTERVAL_MS_CONFIG);
        return millis == 0 ? Optional.empty() : Optional.of(Duration.ofMillis(millis));
    }

    public String heartbeatTopic() {
        return getString(HEARTBEAT_TOPICS_PREFIX_CONFIG) + "." + getString(TOPIC_PREFIX_CONFIG);
    }

    private static Optional<String> optional(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    private static List<Pattern> patterns(List<String> expressions) {
        return expressions.stream().map(String::trim).filter(e -> !e.isEmpty()).map(Pattern::compile).toList();
    }

    private static String[] names(Enum<?>[] values) {
        String[] names = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            names[i] = values[i].name();
        }
        return names;
    }

    /** Each entry must be a regular expression. */
    static final class PatternListValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            for (Object expression : (List<?>) value) {
                try {
                    Pattern.compile(expression.toString().trim());
                } catch (PatternSyntaxException e) {
                    throw new ConfigException(name, expression, "not a regular expression: " + e.getDescription());
                }
            }
        }

        @Override
        public String toString() {
            return "comma-separated regular expressions";
        }
    }

    /** Each entry must be table=topic with both sides non-empty. */
    static final class TopicOverridesValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            for (Object pair : (List<?>) value) {
                String text = pair.toString();
                int equals = text.indexOf('=');
                if (equals <= 0 || equals == text.length() - 1) {
                    throw new ConfigException(name, pair, "expected table=topic");
                }
            }
        }

        @Override
        public String toString() {
            return "comma-separated table=topic pairs";
        }
    }

    /** Empty, or an ISO-8601 instant. */
    static final class TimestampValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            String text = value == null ? "" : value.toString().trim();
            if (!text.isEmpty()) {
                try {
                    Instant.parse(text);
                } catch (DateTimeParseException e) {
                    throw new ConfigException(name, value, "not an ISO-8601 instant such as 2025-11-01T00:00:00Z");
                }
            }
        }

        @Override
        public String toString() {
            return "an ISO-8601 instant, e.g. 2025-11-01T00:00:00Z";
        }
    }
}
