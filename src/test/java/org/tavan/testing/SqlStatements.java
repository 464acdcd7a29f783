package org.tavan.testing;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.tavan.storage.Database;

/**
 * Counts the SQL statements a piece of work runs on one database, through JDBI's own statement
 * hook: so a test can prove a list runs the same number of queries for 1 row as for 20.
 */
public final class SqlStatements implements SqlLogger {

    private final AtomicInteger executed = new AtomicInteger();

    private SqlStatements() {
    }

    public static SqlStatements on(Database db) {
        SqlStatements counter = new SqlStatements();
        db.jdbi().setSqlLogger(counter);
        return counter;
    }

    @Override
    public void logAfterExecution(StatementContext context) {
        executed.incrementAndGet();
    }

    @Override
    public void logException(StatementContext context, java.sql.SQLException ex) {
        executed.incrementAndGet();
    }

    /** How many statements {@code work} ran; its result is dropped, the count is what is asked. */
    public int during(Supplier<?> work) {
        int before = executed.get();
        work.get();
        return executed.get() - before;
    }
}
