package io.dynamocdc.connector;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task's JMX metrics: one bean for the task and one per shard it reads (registered while it reads
 * it). Names: {@code io.dynamocdc.connector:type=task,connector=<name>,task=<id>} and
 * {@code io.dynamocdc.connector:type=shard,connector=<name>,table=<table>,shard=<shard id>}.
 */
final class TaskMetrics implements TaskMetricsMBean, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TaskMetrics.class);

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final String connector;
    private final ObjectName name;
    private final IntSupplier active;
    private final int families;
    private final AtomicLong drained = new AtomicLong();
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong throttles = new AtomicLong();
    private final Map<String, Shard> shards = new ConcurrentHashMap<>();
    /**
     * Which instance holds each name: a restarted task's instance may register before the old one closes,
     * and the old one must then leave the new one's beans alone.
     */
    private static final Map<ObjectName, Object> OWNERS = new ConcurrentHashMap<>();
    private volatile boolean closed;

    TaskMetrics(String connector, String taskId, int families, IntSupplier active) {
        this.connector = ObjectName.quote(connector);
        this.families = families;
        this.active = active;
        this.name = register(this, TaskMetricsMBean.class, "io.dynamocdc.connector:type=task,connector=" + this.connector + ",task=" + ObjectName.quote(taskId));
    }

    Shard shard(String table, String shardId) {
        return shards.computeIfAbsent(table + '/' + shardId, id -> {
            Shard shard = new Shard(table, shardId);
            if (!closed) { // a reader still finishing after close() counts, but registers nothing
                shard.name = register(shard, ShardMetricsMBean.class, "io.dynamocdc.connector:type=shard,connector=" + connector
                        + ",table=" + ObjectName.quote(table) + ",shard=" + ObjectName.quote(shardId));
            }
            return shard;
        });
    }

    void drained(String table, String shardId) {
        drained.incrementAndGet();
        Shard shard = shards.remove(table + '/' + shardId);
        if (shard != null) {
            unregister(shard.name, shard);
        }
    }

    /** Registers through StandardMBean: the interfaces' names need not follow the class names (Shard is an inner class). */
    private <T> ObjectName register(T bean, Class<T> view, String objectName) {
        try {
            ObjectName registered = new ObjectName(objectName);
            synchronized (OWNERS) {
                if (server.isRegistered(registered)) {
                    server.unregisterMBean(registered);
                }
                server.registerMBean(new StandardMBean(bean, view), registered);
                OWNERS.put(registered, bean);
            }
            return registered;
        } catch (JMException e) {
            LOG.warn("dynamo-cdc: could not register JMX bean {}: {}", objectName, e.getMessage());
            return null;
        }
    }

    /** Unregisters the name only while this bean still holds it. */
    private void unregister(ObjectName registered, Object bean) {
        if (registered == null) {
            return;
        }
        synchronized (OWNERS) {
            if (!OWNERS.remove(registered, bean)) {
                return;
            }
            try {
                server.unregisterMBean(registered);
            } catch (JMException ignored) {
                // already gone
            }
        }
    }

    @Override
    public int getShardsActive() {
        return active.getAsInt();
    }

    @Override
    public long getShardsDrained() {
        return drained.get();
    }

    @Override
    public int getFamiliesAssigned() {
        return families;
    }

    @Override
    public long getRecordsRead() {
        return records.get();
    }

    @Override
    public long getThrottles() {
        return throttles.get();
    }

    @Override
    public void close() {
        closed = true;
        shards.values().forEach(shard -> unregister(shard.name, shard));
        shards.clear();
        unregister(name, this);
    }

    /** One shard's counters. */
    final class Shard implements ShardMetricsMBean {
        private final String table;
        private final String shardId;
        private final AtomicLong read = new AtomicLong();
        private final AtomicLong calls = new AtomicLong();
        private final AtomicLong throttled = new AtomicLong();
        private volatile long newestChangeMillis = -1;
        private ObjectName name;

        private Shard(String table, String shardId) {
            this.table = table;
            this.shardId = shardId;
        }

        void called() {
            calls.incrementAndGet();
        }

        void throttled() {
            throttled.incrementAndGet();
            throttles.incrementAndGet();
        }

        void read(int count, long newestChange) {
            read.addAndGet(count);
            records.addAndGet(count);
            if (newestChange > 0) {
                newestChangeMillis = newestChange;
            }
        }

        @Override
        public String getTable() {
            return table;
        }

        @Override
        public String getShardId() {
            return shardId;
        }

        @Override
        public long getMillisBehindLatest() {
            long newest = newestChangeMillis;
            return newest < 0 ? -1 : Math.max(0, System.currentTimeMillis() - newest);
        }

        @Override
        public long getRecordsRead() {
            return read.get();
        }

        @Override
        public long getGetRecordsCalls() {
            return calls.get();
        }

        @Override
        public long getThrottles() {
            return throttled.get();
        }
    }
}
