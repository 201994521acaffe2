package io.dynamocdc.connector;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ConnectorTransactionBoundaries;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.Shard;

/**
 * The DynamoDB Streams source connector: finds the captured tables' streams, splits their shards into
 * families (a root and its descendants) and spreads the families over tasks; watches for new tables,
 * streams and roots, and asks Connect to reassign when they change.
 */
public final class DynamoDbStreamsSourceConnector extends SourceConnector {

    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbStreamsSourceConnector.class);

    private Map<String, String> props;
    private DynamoDbStreamsSourceConnectorConfig config;
    private AwsClients aws;
    private StreamCatalog catalog;
    private ScheduledExecutorService watcher;
    private volatile List<TaskAssignment.Family> families = List.of();

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        this.props = Map.copyOf(props);
        this.config = new DynamoDbStreamsSourceConnectorConfig(props);
        this.aws = new AwsClients(config);
        this.catalog = new StreamCatalog(aws, config);
        this.families = discover();
        LOG.info("dynamo-cdc connector: {} shard famil(ies) in the captured streams", families.size());
        watcher = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "dynamo-cdc-shard-discovery");
            thread.setDaemon(true);
            return thread;
        });
        long every = config.shardDiscoveryInterval().toMillis();
        watcher.scheduleWithFixedDelay(this::rediscover, every, every, TimeUnit.MILLISECONDS);
    }

    /** Every family of every captured stream. */
    private List<TaskAssignment.Family> discover() {
        List<TaskAssignment.Family> found = new ArrayList<>();
        for (StreamCatalog.TableStream stream : catalog.streams()) {
            List<Shard> shards = catalog.shards(stream.streamArn());
            Map<String, List<String>> children = ShardFamilies.children(shards);
            for (String root : ShardFamilies.roots(shards)) {
                found.add(new TaskAssignment.Family(stream.table(), stream.streamArn(), root,
                        ShardFamilies.family(root, children).size()));
            }
        }
        return found;
    }

    private void rediscover() {
        try {
            List<TaskAssignment.Family> now = discover();
            if (!roots(now).equals(roots(families))) {
                LOG.info("dynamo-cdc connector: the shard families changed ({} now); reassigning tasks", now.size());
                families = now;
                context.requestTaskReconfiguration();
            }
        } catch (RuntimeException e) {
            // Tasks keep reading what they have; the next round tries again.
            LOG.warn("dynamo-cdc connector: shard discovery failed: {}", e.getMessage());
        }
    }

    private static List<String> roots(List<TaskAssignment.Family> families) {
        return families.stream().map(f -> f.streamArn() + "|" + f.root()).sorted().toList();
    }

    @Override
    public Class<? extends Task> taskClass() {
        return DynamoDbStreamsSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> configs = new ArrayList<>();
        List<TaskAssignment> assignments = TaskAssignment.spread(families, maxTasks);
        for (int id = 0; id < assignments.size(); id++) {
            // Sorted, so every worker writes the same bytes to the config topic.
            Map<String, String> task = new TreeMap<>(props);
            task.put(TaskAssignment.CONFIG, assignments.get(id).encode());
            task.put(DynamoDbStreamsSourceTask.TASK_ID, Integer.toString(id));
            configs.add(task);
        }
        return configs;
    }

    @Override
    public void stop() {
        if (watcher != null) {
            watcher.shutdownNow();
        }
        if (aws != null) {
            aws.close();
        }
    }

    @Override
    public ConfigDef config() {
        return DynamoDbStreamsSourceConnectorConfig.CONFIG_DEF;
    }

    /** Beyond each key's own checks: can AWS be reached with these settings, and does every table have a stream? */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config checked = super.validate(connectorConfigs);
        boolean keysValid = checked.configValues().stream().allMatch(value -> value.errorMessages().isEmpty());
        if (!keysValid) {
            return checked;
        }
        try {
            DynamoDbStreamsSourceConnectorConfig parsed = new DynamoDbStreamsSourceConnectorConfig(connectorConfigs);
            try (AwsClients clients = new AwsClients(parsed)) {
                StreamCatalog tables = new StreamCatalog(clients, parsed);
                if (tables.capturedTables().isEmpty()) {
                    addError(checked, DynamoDbStreamsSourceConnectorConfig.TABLE_INCLUDE_LIST_CONFIG,
                            "no table of the region matches the include and exclude lists");
                } else {
                    for (StreamCatalog.TableStream stream : tables.streams()) {
                        if (!stream.enabled()) {
                            addError(checked, DynamoDbStreamsSourceConnectorConfig.TABLE_INCLUDE_LIST_CONFIG,
                                    "the stream of table " + stream.table() + " is disabled");
                        } else if (Objects.equals(stream.viewType(), "KEYS_ONLY")) {
                            addError(checked, DynamoDbStreamsSourceConnectorConfig.TABLE_INCLUDE_LIST_CONFIG,
                                    "the stream of table " + stream.table() + " is KEYS_ONLY: rows need NEW_IMAGE or NEW_AND_OLD_IMAGES");
                        }
                    }
                }
            }
        } catch (ConfigException e) {
            addError(checked, keyNamedIn(e.getMessage(), DynamoDbStreamsSourceConnectorConfig.AWS_REGION_CONFIG), e.getMessage());
        } catch (ConnectException | IllegalArgumentException e) {
            String message = e.getMessage() == null ? "" : e.getMessage();
            String key = message.contains("has no stream") ? DynamoDbStreamsSourceConnectorConfig.TABLE_INCLUDE_LIST_CONFIG
                    : keyNamedIn(message, DynamoDbStreamsSourceConnectorConfig.AWS_REGION_CONFIG);
            addError(checked, key, e.getMessage());
        } catch (RuntimeException e) {
            addError(checked, DynamoDbStreamsSourceConnectorConfig.AWS_ENDPOINT_URL_CONFIG,
                    "DynamoDB could not be reached: " + e.getMessage());
        }
        return checked;
    }

    /** The key a message is about: the one it names ("for configuration aws.profile", "aws.profile: …"), else the fallback. */
    private static String keyNamedIn(String message, String fallback) {
        String text = message == null ? "" : message;
        return DynamoDbStreamsSourceConnectorConfig.CONFIG_DEF.names().stream()
                .filter(name -> text.contains("configuration " + name + ":") || text.contains("configuration " + name + " ")
                        || text.startsWith(name + ":"))
                .findFirst().orElse(fallback);
    }

    private static void addError(Config config, String key, String message) {
        for (ConfigValue value : config.configValues()) {
            if (value.name().equals(key)) {
                value.addErrorMessage(message);
                return;
            }
        }
    }

    /**
     * KIP-875: offsets given through the REST API must name a stream and a shard, and hold a sequence number.
     * Whatever order the request gives a partition in, Kafka writes it in {@link ShardPartition}'s order; an
     * offset that older builds stored in the other order would outlive the change, so each altered or reset
     * shard's offset in that order is removed along with it (Connect writes what this map holds).
     */
    @Override
    public boolean alterOffsets(Map<String, String> connectorConfig, Map<Map<String, ?>, Map<String, ?>> offsets) {
        checkOffsets(offsets);
        List<Map<String, Object>> legacy = offsets.keySet().stream().map(ShardPartition::fromMap).map(ShardPartition::legacyMap).toList();
        try {
            legacy.forEach(partition -> offsets.put(partition, null));
        } catch (UnsupportedOperationException e) {
            LOG.warn("dynamo-cdc: this worker does not let a connector add to an offset change; offsets stored in the order "
                    + "shard_id, stream_arn by earlier builds, if any, stay as they were");
        }
        return true;
    }

    private static void checkOffsets(Map<Map<String, ?>, Map<String, ?>> offsets) {
        for (Map.Entry<Map<String, ?>, Map<String, ?>> entry : offsets.entrySet()) {
            Map<String, ?> partition = entry.getKey();
            if (!(partition.get(OffsetKeys.STREAM_ARN) instanceof String arn) || !arn.contains(":table/") || !arn.contains("/stream/")) {
                throw new ConnectException("a source partition needs '" + OffsetKeys.STREAM_ARN + "', a DynamoDB stream ARN: " + partition);
            }
            if (!(partition.get(OffsetKeys.SHARD_ID) instanceof String shard) || !shard.startsWith("shardId-")) {
                throw new ConnectException("a source partition needs '" + OffsetKeys.SHARD_ID + "', a shard id (shardId-…): " + partition);
            }
            if (partition.size() != 2) {
                throw new ConnectException("a source partition holds '" + OffsetKeys.STREAM_ARN + "' and '" + OffsetKeys.SHARD_ID
                        + "' and nothing else: " + partition);
            }
            Map<String, ?> offset = entry.getValue();
            if (offset == null) {
                continue; // a reset: the shard starts over as configured
            }
            Object sequence = offset.get(OffsetKeys.SEQUENCE_NUMBER);
            Object deliverFrom = offset.get(OffsetKeys.DELIVER_FROM);
            if (deliverFrom != null && !(deliverFrom instanceof Number)) {
                throw new ConnectException("'" + OffsetKeys.DELIVER_FROM + "' must be epoch milliseconds: " + offset);
            }
            boolean sequenceValid = sequence instanceof String text && text.matches("[0-9]{1,40}");
            if (!sequenceValid && !(sequence == null && deliverFrom != null)) {
                throw new ConnectException("an offset needs '" + OffsetKeys.SEQUENCE_NUMBER + "', the decimal sequence number of "
                        + "the last change read, or (to read a shard from its start, delivering changes from a time on) only '"
                        + OffsetKeys.DELIVER_FROM + "': " + offset);
            }
        }
    }

    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        // Every record carries its shard's exact position and a task resumes strictly after the committed one,
        // so the worker's transactions (records and offsets together) make delivery exactly once.
        return ExactlyOnceSupport.SUPPORTED;
    }

    @Override
    public ConnectorTransactionBoundaries canDefineTransactionBoundaries(Map<String, String> connectorConfig) {
        // Shards have no transactions of their own to mirror: the worker's poll or interval boundaries serve.
        return ConnectorTransactionBoundaries.UNSUPPORTED;
    }
}
