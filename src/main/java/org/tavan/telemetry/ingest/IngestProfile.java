package org.tavan.telemetry.ingest;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import org.tavan.rigs.RigKind;
import org.tavan.telemetry.DecodedFrame;
import org.tavan.telemetry.FrameRejected;
import org.tavan.telemetry.profile.FirmwareProfile;
import org.tavan.telemetry.profile.MqttTransport;
import org.tavan.telemetry.profile.SerialTransport;

/**
 * What ingest uses of one firmware profile: how its rigs are reached and how a frame is
 * decoded. Built from each loaded {@link FirmwareProfile}; tests may add their own with a
 * small decoder.
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

    /**
     * Serial line settings; {@code terminator} ends a text frame, {@code framing} (instead) a binary
     * one; {@code maxFrameBytes} bounds one; {@code poll}: requests a polled rig must be sent.
     */
    public record SerialLine(int baud, int dataBits, String parity, int stopBits, byte[] terminator,
                             int maxFrameBytes, Optional<SerialTransport.Framing> framing,
                             Optional<SerialTransport.Poll> poll) {

        public SerialLine(int baud, int dataBits, String parity, int stopBits, byte[] terminator, int maxFrameBytes) {
            this(baud, dataBits, parity, stopBits, terminator, maxFrameBytes, Optional.empty(), Optional.empty());
        }
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

    /** The ingest view of a loaded firmware profile. */
    public static IngestProfile of(FirmwareProfile profile) {
        Decoder decoder = profile.decoder()::decode;
        if (profile.transport() instanceof MqttTransport mqtt) {
            return mqtt(profile.id(), mqtt.subscriptionFilter(), mqtt::rigIdOf, decoder);
        }
        SerialTransport serial = (SerialTransport) profile.transport();
        return serial(profile.id(), new SerialLine(serial.baud(), serial.dataBits(), serial.parity(), serial.stopBits(),
                serial.lineTerminatorBytes(), serial.maxFrameBytes(), serial.framing(), serial.poll()), decoder);
    }

    public RigKind kind() {
        return new RigKind(id, transport);
    }
}
