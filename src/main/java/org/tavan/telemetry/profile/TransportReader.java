package org.tavan.telemetry.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import org.tavan.telemetry.profile.Section.Bad;

/** Reads a profile's {@code transport}: MQTT, or a serial line with its framing and polling (format 2). */
final class TransportReader {

    private static final Set<String> PARITIES = Set.of("none", "even", "odd", "mark", "space");

    private TransportReader() {
    }

    static Transport transport(Section t, int format) throws Bad {
        String kind = t.oneOf("mqtt", "serial");
        t.done();
        Section s = t.section(kind);
        if (kind.equals("mqtt")) {
            String topic = s.nonBlank("topic");
            List<String> problems = MqttTransport.problemsOf(topic);
            if (!problems.isEmpty()) {
                throw new Bad(s.at("topic"), String.join("; ", problems));
            }
            int max = s.optInteger("maxFrameBytes", 16, 16 * 1024 * 1024).orElse(MqttTransport.DEFAULT_MAX_FRAME_BYTES);
            s.done();
            return new MqttTransport(topic, max);
        }
        int baud = s.integer("baud", 50, 4_000_000);
        int dataBits = s.optInteger("dataBits", 5, 8).orElse(8);
        String parity = s.optText("parity").orElse("none");
        if (!PARITIES.contains(parity)) {
            throw new Bad(s.at("parity"), "must be one of none, even, odd, mark, space; found '" + parity + "'");
        }
        int stopBits = s.optInteger("stopBits", 1, 2).orElse(1);
        boolean binary = format >= 2 && s.has("framing");
        String terminator = "";
        if (!binary || s.has("lineTerminator")) {
            terminator = s.text("lineTerminator");
            if (terminator.isEmpty() || terminator.length() > 4 || !terminator.chars().allMatch(c -> c < 0x20)) {
                throw new Bad(s.at("lineTerminator"), "must be 1 to 4 control characters such as \"\\r\\n\"");
            }
            if (binary) {
                throw new Bad(s.at("lineTerminator"), "give framing (binary frames) or lineTerminator (text lines), not both");
            }
        }
        int max = s.integer("maxFrameBytes", 8, 1024 * 1024);
        Optional<String> port = s.optText("portPattern");
        Optional<SerialTransport.Framing> framing = binary ? Optional.of(framing(s.section("framing"), max)) : Optional.empty();
        Optional<SerialTransport.Poll> poll = format >= 2 && s.has("poll") ? Optional.of(poll(s.section("poll"))) : Optional.empty();
        s.done();
        return new SerialTransport(baud, dataBits, parity, stopBits, terminator, max, port, framing, poll);
    }

    private static SerialTransport.Framing framing(Section f, int max) throws Bad {
        OptionalInt start = OptionalInt.empty();
        if (f.has("startByte")) {
            start = OptionalInt.of((int) f.code("startByte", 0, 255));
        }
        int fixed = f.optInteger("fixedLength", 1, max).orElse(0);
        int offset = 0;
        int size = 0;
        boolean little = false;
        int adjust = 0;
        if (f.has("lengthField")) {
            if (fixed > 0) {
                throw new Bad(f.at("lengthField"), "give fixedLength or lengthField, not both");
            }
            Section l = f.section("lengthField");
            offset = l.integer("offset", 0, max - 1);
            size = l.optInteger("size", 1, 2).orElse(1);
            little = l.littleEndian("byteOrder", false);
            adjust = l.optInteger("adjust", -max, max).orElse(0);
            l.done();
        }
        int silence = f.optInteger("silenceMillis", 1, 10_000).orElse(0);
        f.done();
        if (fixed == 0 && size == 0 && silence == 0) {
            throw new Bad(f.path(), "needs fixedLength, lengthField or silenceMillis: where does a frame end?");
        }
        return new SerialTransport.Framing(start, fixed, offset, size, little, adjust, silence);
    }

    /** Modbus RTU requests: read {@code count} registers from {@code register} of {@code unit}, CRC-16/MODBUS appended. */
    private static SerialTransport.Poll poll(Section p) throws Bad {
        int interval = p.integer("intervalMillis", 10, 3_600_000);
        List<byte[]> requests = new ArrayList<>();
        List<Section> sections = p.sections("modbus");
        if (sections.isEmpty()) {
            throw new Bad(p.at("modbus"), "is required: the register reads to send, e.g. [{\"unit\": 1, \"function\": 3, "
                    + "\"register\": 0, \"count\": 10}]");
        }
        for (Section r : sections) {
            int unit = (int) r.code("unit", 1, 247);
            int function = (int) r.code("function", 1, 4);
            int register = (int) r.code("register", 0, 0xFFFF);
            int count = r.integer("count", 1, 125);
            r.done();
            requests.add(modbusRead(unit, function, register, count));
        }
        p.done();
        return new SerialTransport.Poll(interval, requests);
    }

    static byte[] modbusRead(int unit, int function, int register, int count) {
        byte[] body = {(byte) unit, (byte) function, (byte) (register >> 8), (byte) register, (byte) (count >> 8), (byte) count};
        return new Checksum.Binary(Checksum.Crc16.Variant.MODBUS, 0, true).append(body);
    }
}
