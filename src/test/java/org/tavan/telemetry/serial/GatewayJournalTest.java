package org.tavan.telemetry.serial;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class GatewayJournalTest {

    @TempDir
    Path dir;

    private static byte[] line(int i) {
        return ("$DRM," + i + ",1.0*00").getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void a_torn_last_entry_from_a_crash_mid_write_is_cut_and_the_rest_is_kept() throws Exception {
        try (GatewayJournal journal = new GatewayJournal(dir, 0)) {
            for (int i = 0; i < 3; i++) {
                journal.append(GatewayJournal.Kind.FRAME, line(i));
            }
        }
        Path segment;
        try (Stream<Path> files = Files.list(dir)) {
            segment = files.filter(f -> f.getFileName().toString().startsWith("seg-")).findFirst().orElseThrow();
        }
        Files.write(segment, new byte[] {0, 0, 0, 40, 0, '$', 'D'}, StandardOpenOption.APPEND);

        try (GatewayJournal reopened = new GatewayJournal(dir, 0)) {
            assertThat(reopened.next()).isEqualTo(3);
            reopened.append(GatewayJournal.Kind.FRAME, line(3));
            List<GatewayJournal.Entry> entries = reopened.read(0, 10);
            assertThat(entries).extracting(e -> new String(e.bytes(), StandardCharsets.US_ASCII))
                    .containsExactly("$DRM,0,1.0*00", "$DRM,1,1.0*00", "$DRM,2,1.0*00", "$DRM,3,1.0*00");
        }
    }

    @Test
    void the_acknowledged_offset_survives_a_restart_and_acknowledged_segments_beyond_the_tail_are_deleted() {
        try (GatewayJournal journal = new GatewayJournal(dir, 10, 200)) {
            for (int i = 0; i < 100; i++) {
                journal.append(GatewayJournal.Kind.FRAME, line(i));
            }
            assertThat(journal.segmentCount()).isGreaterThan(5);
            journal.acknowledge(90);
            journal.persistAck();
            assertThat(journal.first()).as("kept: the resend tail of 10 before the offset").isBetween(70L, 80L);
        }
        try (GatewayJournal reopened = new GatewayJournal(dir, 10, 200)) {
            assertThat(reopened.acked()).isEqualTo(90);
            assertThat(reopened.next()).isEqualTo(100);
            assertThat(reopened.read(reopened.acked(), 100)).extracting(GatewayJournal.Entry::index)
                    .containsExactly(90L, 91L, 92L, 93L, 94L, 95L, 96L, 97L, 98L, 99L);
        }
    }

    @Test
    void reading_on_in_pieces_across_segments_gives_the_same_entries_as_one_read() {
        try (GatewayJournal journal = new GatewayJournal(dir, 0, 100)) {
            for (int i = 0; i < 50; i++) {
                journal.append(GatewayJournal.Kind.FRAME, line(i));
            }
            List<Long> inPieces = new java.util.ArrayList<>();
            long cursor = 0;
            while (cursor < journal.next()) {
                List<GatewayJournal.Entry> piece = journal.read(cursor, 7);
                piece.forEach(e -> inPieces.add(e.index()));
                cursor = piece.get(piece.size() - 1).index() + 1;
            }
            assertThat(journal.read(3, 1)).extracting(GatewayJournal.Entry::index).containsExactly(3L);
            assertThat(inPieces).isEqualTo(journal.read(0, 100).stream().map(GatewayJournal.Entry::index).toList());
            assertThat(inPieces).hasSize(50);
        }
    }
}
