package org.tavan.telemetry.profile;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tavan.telemetry.DecodedFrame;
import org.tavan.telemetry.FrameRejected;
import org.tavan.telemetry.Measurement;
import org.tavan.telemetry.RigEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A rig kind Tavan has never heard of is integrated by one profile file: no code, no rebuild. */
class NewRigKindTest {

    @TempDir
    Path dir;

    @Test
    void a_profile_that_exists_only_in_this_test_loads_and_decodes_frames() throws Exception {
        // A crutch tip abrasion rig (ISO 11334-style walking aids): a make Tavan ships no profile for.
        Files.writeString(dir.resolve("crutch-tip-abrasion.json"), """
                {
                  "format": 1,
                  "id": "crutch-tip-wear",
                  "version": "0.9",
                  "rigKind": "crutch-tip-abrasion",
                  "description": "Abrasion rig for crutch tips, only known to this test",
                  "transport": { "serial": { "baud": 9600, "parity": "odd", "stopBits": 2, "lineTerminator": "\\n",
                                             "maxFrameBytes": 64 } },
                  "payload": { "format": "delimited", "separator": "|", "tag": "CTW" },
                  "checksum": { "type": "crc-16", "variant": "CRC-16/XMODEM" },
                  "sequence": { "position": 1 },
                  "deviceTime": { "position": 2, "encoding": "uptime-seconds", "boot": { "position": 3, "encoding": "iso-8601" } },
                  "measurements": [
                    { "name": "strokes", "position": 4, "unit": "strokes", "type": "integer" },
                    { "name": "tip_height", "position": 5, "unit": "mm", "type": "integer", "scale": 0.01, "offset": -0.5 }
                  ],
                  "events": [ { "position": 6, "codes": { "W": { "kind": "worn_out", "description": "tip worn through" } } } ]
                }
                """);

        ProfileCatalog catalog = ProfileCatalog.load(dir);

        assertThat(catalog.problems()).isEmpty();
        FirmwareProfile profile = catalog.byId("crutch-tip-wear").orElseThrow();
        assertThat(profile.rigKind()).isEqualTo("crutch-tip-abrasion");
        assertThat(profile.serial().orElseThrow().parity()).isEqualTo("odd");

        String body = "CTW|12|90.5|2026-11-25T07:00:00Z|4000|1850|W";
        int crc = xmodem(body.getBytes(StandardCharsets.US_ASCII));
        byte[] frame = (body + "*" + String.format("%04X", crc) + "\n").getBytes(StandardCharsets.US_ASCII);
        DecodedFrame decoded = profile.decoder().decode(frame);

        assertThat(decoded.sequence()).hasValue(12);
        assertThat(decoded.deviceTime()).hasValue(Instant.parse("2026-11-25T07:01:30.500Z"));
        assertThat(decoded.measurements()).containsExactly(new Measurement("strokes", 4000, "strokes"),
                new Measurement("tip_height", 18.0, "mm"));
        assertThat(decoded.events()).containsExactly(new RigEvent("worn_out", "W", "tip worn through"));
        frame[5] = '3';
        assertThatThrownBy(() -> profile.decoder().decode(frame)).isInstanceOf(FrameRejected.class);
    }

    /** CRC-16/XMODEM written out here, apart from Tavan's implementation. */
    private static int xmodem(byte[] data) {
        int crc = 0;
        for (byte b : data) {
            crc ^= (b & 0xFF) << 8;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
                crc &= 0xFFFF;
            }
        }
        return crc;
    }
}
