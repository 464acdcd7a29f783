-- The ids of the rejection reports a rig's gateway sent (tavan/gateway/<rig>/rejected, "too_long
-- <bytes> <limit> <journal id>:<entry index>"): the gateway resends its journal's last entries
-- after reconnecting, reports among them, and a report already counted must not count again.
-- Over-long lines are rare, so the table stays small.
CREATE TABLE rig_gateway_reports (
    rig_id    TEXT NOT NULL REFERENCES rigs (rig_id),
    report_id TEXT NOT NULL,
    PRIMARY KEY (rig_id, report_id)
);
