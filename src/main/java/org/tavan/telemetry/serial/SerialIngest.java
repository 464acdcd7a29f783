package org.tavan.telemetry.serial;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.tavan.config.TavanConfig;
import org.tavan.rigs.RigId;
import org.tavan.rigs.RigLinks;
import org.tavan.telemetry.DecodedFrame;
import org.tavan.telemetry.FrameRejected;
import org.tavan.telemetry.TooLongLine;
import org.tavan.telemetry.ingest.IngestProfile;
import org.tavan.telemetry.ingest.IngestProfiles;
import org.tavan.telemetry.ingest.IngestWriter;
import org.tavan.telemetry.ingest.RigDirectory;

/**
 * Serial rigs attached to this machine ({@code serial.ports}: rig id = port). The rig's
 * registered profile gives the line settings and the decoder. The rig shows online exactly
 * while its port is open. A serial line has no acknowledgement: a frame counts once committed.
 */
public final class SerialIngest implements AutoCloseable {

    private final List<TavanConfig.SerialPort> ports;
    private final IngestProfiles profiles;
    private final RigDirectory directory;
    private final RigLinks links;
    private final IngestWriter writer;
    private final Clock clock;
    private final List<SerialLineReader> readers = new ArrayList<>();

    public SerialIngest(List<TavanConfig.SerialPort> ports, IngestProfiles profiles, RigDirectory directory,
                        RigLinks links, IngestWriter writer, Clock clock) {
        this.ports = ports;
        this.profiles = profiles;
        this.directory = directory;
        this.links = links;
        this.writer = writer;
        this.clock = clock;
    }

    public void start() {
        for (TavanConfig.SerialPort port : ports) {
            RigId rig = RigId.of(port.rigId());
            SerialLineReader reader = new SerialLineReader(rig.value(), port.port(), () -> lineOf(rig),
                    new SerialLineReader.Listener() {
                        @Override
                        public void opened() {
                            links.opened(rig);
                        }

                        @Override
                        public void closed() {
                            links.closed(rig);
                        }

                        @Override
                        public void frame(byte[] frame) {
                            submit(rig, frame);
                        }

                        @Override
                        public void tooLong(int bytesDropped, int limit) {
                            TooLongLine line = new TooLongLine(bytesDropped, limit);
                            reject(rig, TooLongLine.REASON, line.message());
                        }
                    });
            readers.add(reader);
            reader.start();
        }
    }

    private Optional<IngestProfile> profileOf(RigId rig) {
        return directory.profileOf(rig.value()).flatMap(profiles::byId);
    }

    private SerialLineReader.Either lineOf(RigId rig) {
        try {
            return profileOf(rig).flatMap(IngestProfile::serial).map(SerialLineReader.Either::of)
                    .orElse(SerialLineReader.Either.problem("rig is not registered as active with a loaded serial profile"));
        } catch (RuntimeException e) {
            return SerialLineReader.Either.problem("cannot read the rig registry: " + e.getMessage());
        }
    }

    private void submit(RigId rig, byte[] frame) {
        Instant now = clock.instant();
        try {
            IngestProfile profile = profileOf(rig).orElseThrow(() -> new FrameRejected("unknown_rig", "Rig retired"));
            DecodedFrame decoded = profile.decoder().decode(frame);
            writer.submit(IngestWriter.Frame.accepted(rig.value(), now, frame, decoded, () -> {
            }));
        } catch (FrameRejected e) {
            reject(rig, e.reason(), e.getMessage());
        } catch (RuntimeException e) {
            reject(rig, "decoder_error", e.toString());
        }
    }

    private void reject(RigId rig, String reason, String message) {
        writer.countRejection(rig.value(), "serial", reason, message);
        writer.submit(IngestWriter.Frame.rejected(rig.value(), clock.instant(), reason, message, () -> {
        }));
    }

    @Override
    public void close() {
        readers.forEach(SerialLineReader::close);
    }
}
