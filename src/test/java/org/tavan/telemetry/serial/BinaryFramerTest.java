package org.tavan.telemetry.serial;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.tavan.telemetry.FrameRejected;
import org.tavan.telemetry.profile.FirmwareProfile;
import org.tavan.telemetry.profile.SerialTransport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Binary framing on a byte stream cut at random read boundaries: golden frames come out whole,
 * and garbage between them comes out as pieces that are rejected with a reason, so every byte
 * that arrived is either in a decoded frame or in a counted rejection.
 */
class BinaryFramerTest {

    private static final long MS = 1_000_000L;

    private record Collected(List<byte[]> frames, List<Integer> tooLong) implements LineFramer.Sink {
        Collected() {
            this(new ArrayList<>(), new ArrayList<>());
        }

        @Override
        public void frame(byte[] frame) {
            frames.add(frame);
        }

        @Override
        public void tooLong(int bytesDropped) {
            tooLong.add(bytesDropped);
        }
    }

    @Test
    void a_start_byte_and_length_field_find_frames_between_garbage_and_every_byte_is_accounted_for() throws Exception {
        FirmwareProfile profile = FirmwareProfile.read(Path.of("src/test/resources/profiles-v2/grip-dynamometer-bin.json"));
        SerialTransport serial = profile.serial().orElseThrow();
        byte[] good = Files.readAllBytes(Path.of("src/test/resources/profiles-v2/frames/grip-dynamometer-bin.squeeze.frame"));
        Random random = new Random(11);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        int goodCount = 0;
        for (int i = 0; i < 200; i++) {
            stream.write(good);
            goodCount++;
            if (i % 5 == 4) {
                byte[] junk = new byte[1 + random.nextInt(30)];
                random.nextBytes(junk);
                for (int k = 0; k < junk.length; k++) {
                    junk[k] = junk[k] == (byte) 0xAA ? 0x55 : junk[k];
                }
                stream.write(junk);
            }
        }
        byte[] all = stream.toByteArray();
        Collected sink = new Collected();
        BinaryFramer framer = new BinaryFramer(serial.framing().orElseThrow(), serial.maxFrameBytes(), sink);
        long now = 0;
        for (int at = 0; at < all.length; ) {
            int n = Math.min(all.length - at, 1 + random.nextInt(40));
            framer.accept(java.util.Arrays.copyOfRange(all, at, at + n), n, now += MS);
            at += n;
        }
        framer.idle(now + 100 * MS);

        int decoded = 0;
        long bytes = sink.tooLong().stream().mapToLong(Integer::longValue).sum();
        Map<String, Integer> reasons = new TreeMap<>();
        for (byte[] frame : sink.frames()) {
            bytes += frame.length;
            try {
                profile.decoder().decode(frame);
                decoded++;
            } catch (FrameRejected e) {
                reasons.merge(e.reason(), 1, Integer::sum);
            }
        }
        assertThat(decoded).isEqualTo(goodCount);
        assertThat(bytes).as("every byte is in a frame or a rejection").isEqualTo(all.length);
        assertThat(reasons).isNotEmpty();
        assertThat(java.util.Set.of("syntax", "checksum", "too_long")).containsAll(reasons.keySet());
    }

    @Test
    void silence_ends_a_fixed_length_frame_cut_short_so_the_next_one_is_found_whole() throws Exception {
        FirmwareProfile profile = FirmwareProfile.read(Path.of("firmware-profiles/prosthesis-cyclic-modbus.json"));
        SerialTransport serial = profile.serial().orElseThrow();
        byte[] good = Files.readAllBytes(Path.of("src/test/resources/golden/prosthesis-cyclic-mb/cycling.frame"));
        Collected sink = new Collected();
        BinaryFramer framer = new BinaryFramer(serial.framing().orElseThrow(), serial.maxFrameBytes(), sink);

        framer.accept(good, 10, MS);
        framer.idle(50 * MS);
        framer.accept(good, good.length, 100 * MS);

        assertThat(sink.frames()).hasSize(2);
        assertThat(sink.frames().get(0)).hasSize(10);
        assertThat(sink.frames().get(1)).isEqualTo(good);
        assertThat(profile.decoder().decode(sink.frames().get(1)).sequence()).hasValue(311);
    }
}
