package org.tavan.telemetry.ingest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.tavan.telemetry.DecodedFrame;
import org.tavan.telemetry.FrameRejected;
import org.tavan.telemetry.Measurement;
import org.tavan.telemetry.RigEvent;

/**
 * Small profiles with a hand-written decoder, so ingest is tested on its own terms:
 * <ul>
 * <li>{@code test-drum} (MQTT {@code test/drum/<rig>/data}, serial twin {@code test-drum-serial}):
 *     {@code S,<seq>,<force N>,<speed m/s>[,<status>]*HH} with an NMEA XOR checksum;</li>
 * <li>{@code test-mat} (MQTT {@code test/mat/<rig>/frame}): {@code M,<kPa>,<kPa>,...}, no sequence.</li>
 * </ul>
 */
public final class TestProfiles {

    public static final String DRUM = "test-drum";
    public static final String DRUM_SERIAL = "test-drum-serial";
    public static final String MAT = "test-mat";

    private TestProfiles() {
    }

    public static List<IngestProfile> all() {
        return List.of(
                IngestProfile.mqtt(DRUM, "test/drum/+/data", topic -> rigOf(topic, "test/drum/", "/data"),
                        TestProfiles::decodeDrum),
                IngestProfile.mqtt(MAT, "test/mat/+/frame", topic -> rigOf(topic, "test/mat/", "/frame"),
                        TestProfiles::decodeMat),
                IngestProfile.serial(DRUM_SERIAL, new IngestProfile.SerialLine(115_200, 8, "none", 1,
                        new byte[] {'\n'}, 200), TestProfiles::decodeDrum));
    }

    public static String drumTopic(String rig) {
        return "test/drum/" + rig + "/data";
    }

    public static String matTopic(String rig) {
        return "test/mat/" + rig + "/frame";
    }

    /** A valid drum frame with its checksum. */
    public static String drumFrame(long seq, double force, double speed) {
        String body = "S," + seq + "," + force + "," + speed;
        return body + "*" + String.format("%02X", xor(body));
    }

    public static String drumFrameWithStatus(long seq, double force, double speed, String status) {
        String body = "S," + seq + "," + force + "," + speed + "," + status;
        return body + "*" + String.format("%02X", xor(body));
    }

    private static Optional<String> rigOf(String topic, String prefix, String suffix) {
        if (!topic.startsWith(prefix) || !topic.endsWith(suffix)) {
            return Optional.empty();
        }
        String rig = topic.substring(prefix.length(), topic.length() - suffix.length());
        return rig.isEmpty() || rig.contains("/") ? Optional.empty() : Optional.of(rig);
    }

    static DecodedFrame decodeDrum(byte[] frame) throws FrameRejected {
        if (frame.length > 200) {
            throw new FrameRejected("too_long", "Frame of " + frame.length + " bytes");
        }
        String text = new String(frame, StandardCharsets.US_ASCII).strip();
        int star = text.lastIndexOf('*');
        if (!text.startsWith("S,") || star < 0 || star + 3 != text.length()) {
            throw new FrameRejected("syntax", "Expected S,<seq>,<force>,<speed>*HH, got '" + abbreviate(text) + "'");
        }
        String body = text.substring(0, star);
        int expected;
        try {
            expected = Integer.parseInt(text.substring(star + 1), 16);
        } catch (NumberFormatException e) {
            throw new FrameRejected("syntax", "Checksum is not hex: '" + abbreviate(text) + "'");
        }
        if (xor(body) != expected) {
            throw new FrameRejected("checksum", "Checksum " + text.substring(star + 1) + " does not match "
                    + String.format("%02X", xor(body)));
        }
        String[] f = body.split(",");
        if (f.length != 4 && f.length != 5) {
            throw new FrameRejected("syntax", "Expected 4 or 5 fields, got " + f.length);
        }
        try {
            long seq = Long.parseLong(f[1]);
            double force = Double.parseDouble(f[2]);
            double speed = Double.parseDouble(f[3]);
            List<RigEvent> events = f.length == 5 ? List.of(new RigEvent(f[4].startsWith("E") ? "fault" : f[4], f[4], ""))
                    : List.of();
            return new DecodedFrame(OptionalLong.of(seq), Optional.empty(),
                    List.of(new Measurement("force", force, "N"), new Measurement("speed", speed, "m/s")), events);
        } catch (NumberFormatException e) {
            throw new FrameRejected("bad_value", "Not a number in '" + abbreviate(body) + "'");
        }
    }

    static DecodedFrame decodeMat(byte[] frame) throws FrameRejected {
        String text = new String(frame, StandardCharsets.US_ASCII).strip();
        if (!text.startsWith("M,")) {
            throw new FrameRejected("syntax", "Expected M,<kPa>,..., got '" + abbreviate(text) + "'");
        }
        String[] f = text.substring(2).split(",");
        List<Measurement> cells = new ArrayList<>(f.length);
        try {
            for (int i = 0; i < f.length; i++) {
                cells.add(new Measurement("cell_" + i, Double.parseDouble(f[i]), "kPa"));
            }
        } catch (NumberFormatException e) {
            throw new FrameRejected("bad_value", "Not a number in a mat frame");
        }
        return new DecodedFrame(OptionalLong.empty(), Optional.empty(), cells, List.of());
    }

    private static int xor(String s) {
        int x = 0;
        for (char c : s.toCharArray()) {
            x ^= c;
        }
        return x;
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
