package org.tavan.telemetry.serial;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** What a gateway's journal holds on disk, read from its segment files (see GatewayJournal for the layout). */
final class JournalFiles {

    private JournalFiles() {
    }

    /** The bytes these frames take in a journal: a 5-byte header (length, kind) before each. */
    static long entryBytes(List<byte[]> frames) {
        return frames.stream().mapToLong(f -> 5L + f.length).sum();
    }

    /** The bytes in the journal's segments; 0 before the journal exists. */
    static long segmentBytes(Path journal) {
        if (!Files.isDirectory(journal)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(journal)) {
            return files.filter(f -> f.getFileName().toString().startsWith("seg-")).mapToLong(f -> f.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
