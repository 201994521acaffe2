package io.dynamocdc.connector;

/** One task's shards, over JMX ({@code io.dynamocdc.connector:type=task,connector=…,task=…}). */
public interface TaskMetricsMBean {

    /** Shards being read now (open, or closed and not yet drained). */
    int getShardsActive();

    /** Shards read to their end since the task started. */
    long getShardsDrained();

    /** Shard families assigned to the task. */
    int getFamiliesAssigned();

    long getRecordsRead();

    long getThrottles();
}
