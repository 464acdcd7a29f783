package org.tavan.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * A lock held by one Tavan instance at a time among all instances on the same database, for
 * work that must happen once however many start together (the first administrator, the demo
 * workshop). The work runs in its own transactions while the lock is held, so what the holder
 * committed is visible to the next holder.
 */
final class InstanceLock {

    /*
     * A file lock belongs to the whole JVM: a second FileChannel.lock on the same file from
     * this JVM throws instead of waiting. Two Apps on one SQLite file in one JVM (tests) first
     * queue here, then take the file lock that also keeps out other processes.
     */
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_THIS_JVM = new ConcurrentHashMap<>();

    private InstanceLock() {
    }

    static <T> T holding(Jdbi jdbi, Dialect dialect, String url, String name, Supplier<T> work) {
        return dialect == Dialect.POSTGRESQL ? advisory(jdbi, name, work) : lockFile(url, name, work);
    }

    /**
     * A session-level advisory lock on a connection of its own: PostgreSQL releases it when
     * that connection ends, so an instance killed while holding it does not block the others.
     * Advisory locks are per database, not per schema, hence the schema in the key.
     */
    private static <T> T advisory(Jdbi jdbi, String name, Supplier<T> work) {
        try (Handle lock = jdbi.open()) {
            // pg_advisory_lock returns void, which no mapper reads; counting its one row waits just the same.
            lock.createQuery("""
                            SELECT COUNT(*) FROM (SELECT pg_advisory_lock(hashtext(current_schema()), hashtext(:name)))
                                AS locked""")
                    .bind("name", name).mapTo(Long.class).one();
            try {
                return work.get();
            } finally {
                lock.createQuery("SELECT pg_advisory_unlock(hashtext(current_schema()), hashtext(:name))")
                        .bind("name", name).mapTo(Boolean.class).one();
            }
        }
    }

    /** An OS file lock next to the SQLite file; the OS releases it when the process dies. */
    private static <T> T lockFile(String url, String name, Supplier<T> work) {
        Path database = Path.of(url.substring("jdbc:sqlite:".length())).toAbsolutePath().normalize();
        Path file = database.resolveSibling(database.getFileName() + "." + name + ".lock");
        ReentrantLock local = IN_THIS_JVM.computeIfAbsent(file, f -> new ReentrantLock());
        local.lock();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            return work.get();
        } catch (IOException e) {
            throw new StorageUnavailable("Cannot lock " + file + ": " + e.getMessage(), e);
        } finally {
            local.unlock();
        }
    }
}
