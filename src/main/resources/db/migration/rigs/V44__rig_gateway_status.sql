-- The last heartbeat of the gateway a serial rig is bridged through (tavan/gateway/<rig>/status,
-- every few seconds): a rig whose gateway is up with its port open but whose frames stopped is
-- shown stalled, not offline. A table of its own rather than columns of rig_activity: a heartbeat
-- must not queue behind, nor lock against, the ingest writer's batch that holds that row.
-- up_until is the heartbeat's time plus three of its announced intervals.
CREATE TABLE rig_gateway_status (
    rig_id      TEXT    NOT NULL PRIMARY KEY REFERENCES rigs (rig_id),
    seen_at     BIGINT  NOT NULL,
    up_until    BIGINT  NOT NULL,
    port_open   BOOLEAN NOT NULL,
    frames_read BIGINT  NOT NULL
);
