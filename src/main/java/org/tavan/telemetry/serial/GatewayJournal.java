package org.tavan.telemetry.serial;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * One rig's append-only journal of what the gateway read from its port, so that a line counts
 * as read only once it is on disk: a crash of the gateway, the broker or both loses nothing.
 * Entries are numbered from 0 for ever; {@code acked} (in file {@code acked}) is the number of
 * the first entry the broker has not acknowledged. Segment files {@code seg-<first entry>.log}
 * hold entries {@code [int length][byte kind][bytes]}; a torn last entry (a crash mid-write) is
 * cut off on open. Segments wholly below the kept tail are deleted once acknowledged.
 * Thread-safe: the port's reader appends, the sender reads and acknowledges.
 */
final class GatewayJournal implements AutoCloseable {

    /** What an entry is: a frame as read, or the note that a line was too long (text "bytes limit"). */
    enum Kind { FRAME, TOO_LONG }

    record Entry(long index, Kind kind, byte[] bytes) {
    }

    static final long SEGMENT_BYTES = 4L << 20;

    private final Path dir;
    private final String id;
    private final long segmentBytes;
    private final long keptTail;
    /** first entry index of each segment -> its file */
    private final TreeMap<Long, Path> segments = new TreeMap<>();
    private FileChannel current;
    private long currentBytes;
    private long next;
    private long acked;
    private long persistedAck;
    /** Where the last read stopped (entry index, its segment, byte position): the sender reads on from there. */
    private long hintIndex = -1;
    private long hintSegment;
    private long hintPos;

    /**
     * @param keptTail how many acknowledged entries to keep for resending after a reconnect
     *                 (a broker killed before it saved what it acknowledged loses them)
     */
    GatewayJournal(Path dir, long keptTail) {
        this(dir, keptTail, SEGMENT_BYTES);
    }

    GatewayJournal(Path dir, long keptTail, long segmentBytes) {
        this.dir = dir;
        this.segmentBytes = segmentBytes;
        this.keptTail = keptTail;
        try {
            Files.createDirectories(dir);
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(f -> f.getFileName().toString().matches("seg-\\d+\\.log"))
                        .forEach(f -> segments.put(firstIndexOf(f), f));
            }
            // Names this journal in the gateway's reports: with the entry index it makes a report
            // id that stays the same when the entry is resent, and a new journal (queue dir wiped)
            // starts new ids instead of repeating old ones.
            Path idFile = dir.resolve("journal.id");
            if (!Files.exists(idFile)) {
                Files.writeString(idFile, java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 16));
            }
            id = Files.readString(idFile).strip();
            Path ackFile = dir.resolve("acked");
            acked = Files.exists(ackFile) ? Long.parseLong(Files.readString(ackFile).trim()) : 0;
            persistedAck = acked;
            next = segments.isEmpty() ? acked : recoverLast();
            if (segments.isEmpty()) {
                openSegment(next);
            } else {
                current = FileChannel.open(segments.lastEntry().getValue(), StandardOpenOption.WRITE);
                currentBytes = current.size();
                current.position(currentBytes);
            }
            // An ack file ahead of the entries (journal removed by hand): start after it.
            next = Math.max(next, acked);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the gateway journal in " + dir, e);
        }
    }

    /** This journal's id (16 hex digits), fixed for the life of its directory. */
    String id() {
        return id;
    }

    private static long firstIndexOf(Path f) {
        String n = f.getFileName().toString();
        return Long.parseLong(n.substring(4, n.length() - 4));
    }

    /** Counts the entries of the last segment, cutting a torn tail; returns the next index. */
    private long recoverLast() throws IOException {
        Path last = segments.lastEntry().getValue();
        long index = segments.lastKey();
        long goodBytes = 0;
        try (FileChannel ch = FileChannel.open(last, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            ByteBuffer header = ByteBuffer.allocate(5);
            while (true) {
                header.clear();
                if (ch.read(header, goodBytes) < 5) {
                    break;
                }
                int length = header.flip().getInt();
                if (length < 0 || goodBytes + 5 + length > size) {
                    break;
                }
                goodBytes += 5 + length;
                index++;
            }
            if (goodBytes < size) {
                ch.truncate(goodBytes);
                ch.force(true);
            }
        }
        return index;
    }

    private void openSegment(long firstIndex) throws IOException {
        if (current != null) {
            current.close();
        }
        Path f = dir.resolve("seg-%020d.log".formatted(firstIndex));
        current = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        current.position(current.size());
        currentBytes = current.size();
        segments.put(firstIndex, f);
    }

    /** Appends and forces one entry to disk; only then is the line read. Returns its index. */
    synchronized long append(Kind kind, byte[] bytes) {
        try {
            if (currentBytes >= segmentBytes) {
                openSegment(next);
            }
            ByteBuffer b = ByteBuffer.allocate(5 + bytes.length);
            b.putInt(bytes.length).put((byte) kind.ordinal()).put(bytes).flip();
            while (b.hasRemaining()) {
                current.write(b);
            }
            // Data only: the file's length is recovered from its entries, not its metadata.
            current.force(false);
            currentBytes += 5 + bytes.length;
            long index = next++;
            notifyAll();
            return index;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the gateway journal in " + dir, e);
        }
    }

    synchronized long next() {
        return next;
    }

    synchronized long acked() {
        return acked;
    }

    /** The oldest entry still on disk. */
    synchronized long first() {
        return segments.isEmpty() ? next : Math.min(segments.firstKey(), next);
    }

    /** Waits up to {@code millis} for an entry at or after {@code index}. */
    synchronized void awaitEntry(long index, long millis) throws InterruptedException {
        if (next <= index) {
            wait(millis);
        }
    }

    /** Entries from {@code from} (at most {@code max}), in order. */
    synchronized List<Entry> read(long from, int max) {
        List<Entry> out = new ArrayList<>();
        long start = Math.max(from, first());
        if (start >= next) {
            return out;
        }
        var seg = segments.floorEntry(start);
        try {
            while (seg != null && out.size() < max) {
                try (FileChannel ch = FileChannel.open(seg.getValue(), StandardOpenOption.READ)) {
                    long index = seg.getKey();
                    long pos = 0;
                    // Without this, each read would walk the segment's headers from its start.
                    if (hintIndex >= index && hintIndex <= start && hintSegment == seg.getKey()) {
                        index = hintIndex;
                        pos = hintPos;
                    }
                    ByteBuffer header = ByteBuffer.allocate(5);
                    while (out.size() < max && index < next) {
                        header.clear();
                        if (ch.read(header, pos) < 5) {
                            break;
                        }
                        header.flip();
                        int length = header.getInt();
                        Kind kind = Kind.values()[header.get()];
                        if (index >= start) {
                            ByteBuffer body = ByteBuffer.allocate(length);
                            ch.read(body, pos + 5);
                            out.add(new Entry(index, kind, body.array()));
                        }
                        pos += 5 + length;
                        index++;
                    }
                    hintIndex = index;
                    hintSegment = seg.getKey();
                    hintPos = pos;
                }
                seg = segments.higherEntry(seg.getKey());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the gateway journal in " + dir, e);
        }
        return out;
    }

    /** Every entry below {@code upTo} is acknowledged by the broker (kept in memory until {@link #persistAck}). */
    synchronized void acknowledge(long upTo) {
        acked = Math.max(acked, Math.min(upTo, next));
    }

    /**
     * Writes the acknowledged offset (atomically) and deletes segments that lie wholly below the
     * kept tail. A crash before this resends a few entries: Tavan stores them once (sequence and
     * content hash).
     */
    synchronized void persistAck() {
        if (acked == persistedAck) {
            return;
        }
        try {
            Path tmp = dir.resolve("acked.tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(ByteBuffer.wrap(Long.toString(acked).getBytes(StandardCharsets.US_ASCII)));
                ch.force(true);
            }
            Files.move(tmp, dir.resolve("acked"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            persistedAck = acked;
            long keepFrom = acked - keptTail;
            while (segments.size() > 1) {
                Long second = segments.higherKey(segments.firstKey());
                if (second == null || second > keepFrom) {
                    break;
                }
                Files.deleteIfExists(segments.pollFirstEntry().getValue());
            }
        } catch (IOException e) {
            // The old offset stays: more is resent after a restart, nothing is lost.
            throw new UncheckedIOException("Cannot save the acknowledged offset in " + dir, e);
        }
    }

    /** Segment files on disk (for tests and the status line). */
    synchronized int segmentCount() {
        return segments.size();
    }

    @Override
    public synchronized void close() {
        try {
            persistAck();
        } finally {
            try {
                current.close();
            } catch (IOException e) {
                // closing after a forced write: nothing left to lose
            }
        }
    }
}
