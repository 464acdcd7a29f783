-- National deployment (ingest.queue.url): rig messages are split by rig over a fixed number of
-- partition queues, and each partition is read by one instance at a time, so no two instances'
-- writers ever wait on the same rigs' rows. Instances agree who reads which partition here:
-- each one says it is alive every second (ingest_instances) and holds its fair share of the
-- partitions (ingest_partition_leases); an instance silent for five seconds is forgotten and
-- its partitions go to the others. Times are epoch milliseconds of the writing instance.
CREATE TABLE ingest_instances (
    instance_id TEXT   NOT NULL PRIMARY KEY,
    seen_at     BIGINT NOT NULL
);

CREATE TABLE ingest_partition_leases (
    partition_no INTEGER NOT NULL PRIMARY KEY,
    instance_id  TEXT    NOT NULL,
    renewed_at   BIGINT  NOT NULL
);
