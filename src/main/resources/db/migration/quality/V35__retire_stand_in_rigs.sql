-- Quality's stand-in rig registry (V23) is retired: every rig is registered with the rigs
-- feature (`rigs`, V10) and its readings come through MQTT or serial ingest. A verdict copied
-- the rig's kind, calibration due date and certificate when it was computed, so nothing needs
-- these rows any more.
DROP TABLE quality_rigs;

-- Rig readings posted to the stand-in stay in test_readings (rig_id set): verdicts computed
-- from them cite their ids. No new ones are written, so the lookup by rig goes.
DROP INDEX test_readings_by_rig;
