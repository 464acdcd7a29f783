package org.tavan.telemetry.ingest;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import org.tavan.rigs.RigKind;
import org.tavan.telemetry.DecodedFrame;
import org.tavan.telemetry.FrameRejected;

/**
 * What ingest uses of one firmware profile: how its rigs are reached and how a frame is
 * decoded. Built from the loaded firmware profiles ({@link IngestProfiles}); tests build
 * their own with a small decoder.
 *
 * @param topicFilter MQTT subscription filter of an MQTT profile (e.g. {@code rigs/drum/+/data})
 * @param rigIdOfTopic the rig id a topic names, empty when the topic is not this profile's
 * @param serial line settings of a serial profile (also used for frames bridged by a gateway)
 */
public record IngestProfile(String id, RigKind.Transport transport, Optional<String> topicFilter,
                            Function<String, Optional<String>> rigIdOfTopic, Optional<SerialLine> serial,
                            Decoder decoder) {

    /** Turns one frame (one MQTT payload, one serial line without its terminator) into readings. */
    @FunctionalInterface
    public interface Decoder {
        DecodedFrame decode(byte[] frame) throws FrameRejected;
    }

    /** Serial line settings; {@code terminator} ends a frame, {@code maxFrameBytes} bounds one. */
    public record SerialLine(int baud, int dataBits, String parity, int stopBits, byte[] terminator,
                             int maxFrameBytes) {
    }

    public IngestProfile {
        Objects.requireNonNull(id);
        Objects.requireNonNull(decoder);
    }

    public static IngestProfile mqtt(String id, String topicFilter, Function<String, Optional<String>> rigIdOfTopic,
                                     Decoder decoder) {
        return new IngestProfile(id, RigKind.Transport.MQTT, Optional.of(topicFilter), rigIdOfTopic,
                Optional.empty(), decoder);
    }

    public static IngestProfile serial(String id, SerialLine line, Decoder decoder) {
        return new IngestProfile(id, RigKind.Transport.SERIAL, Optional.empty(), topic -> Optional.empty(),
                Optional.of(line), decoder);
    }

    public RigKind kind() {
        return new RigKind(id, transport);
    }
}
