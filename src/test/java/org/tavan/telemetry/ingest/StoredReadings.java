package org.tavan.telemetry.ingest;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Counts what a Tavan process committed, read straight from its database with plain JDBC. */
public record StoredReadings(long rows, long distinctSequences, long minSequence, long maxSequence) {

    public static StoredReadings of(String jdbcUrl, String user, String rigId) {
        try (Connection c = user == null ? DriverManager.getConnection(jdbcUrl) : DriverManager.getConnection(jdbcUrl, user, "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT sequence), COALESCE(MIN(sequence), 0), "
                     + "COALESCE(MAX(sequence), 0) FROM readings WHERE rig_id = '" + rigId + "'")) {
            rs.next();
            return new StoredReadings(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
        } catch (SQLException e) {
            // not migrated yet, or the file is being created
            return new StoredReadings(-1, -1, 0, 0);
        }
    }

    public static long activity(String jdbcUrl, String user, String rigId, String column) {
        try (Connection c = user == null ? DriverManager.getConnection(jdbcUrl) : DriverManager.getConnection(jdbcUrl, user, "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + column + " FROM rig_activity WHERE rig_id = '" + rigId + "'")) {
            return rs.next() ? rs.getLong(1) : -1;
        } catch (SQLException e) {
            return -1;
        }
    }
}
