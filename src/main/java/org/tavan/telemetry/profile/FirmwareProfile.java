package org.tavan.telemetry.profile;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One kind of rig as its firmware speaks: transport, payload format, and how each field becomes a
 * measurement, sequence number, device time or rig event. Loaded from a file in
 * {@code firmware-profiles/} (see docs/firmware-profiles.md); immutable and thread-safe.
 */
public final class FirmwareProfile {

    private final String id;
    private final String version;
    private final String rigKind;
    private final String description;
    private final Transport transport;
    private final String payloadFormat;
    private final List<MeasurementSpec> measurementSpecs;
    private final boolean hasSequence;
    private final boolean hasDeviceTime;
    private final List<Layout> layouts;
    private final FrameDecoder decoder;
    private final FrameEncoder encoder;
    private final Path source;

    FirmwareProfile(String id, String version, String rigKind, String description, Transport transport,
                    List<MeasurementSpec> measurementSpecs, List<Layout> layouts, FrameDecoder decoder,
                    FrameEncoder encoder, Path source) {
        this.id = id;
        this.version = version;
        this.rigKind = rigKind;
        this.description = description;
        this.transport = transport;
        this.payloadFormat = layouts.get(0).payload().label();
        this.measurementSpecs = List.copyOf(measurementSpecs);
        this.hasSequence = layouts.stream().anyMatch(l -> l.sequence().isPresent());
        this.hasDeviceTime = layouts.stream().anyMatch(l -> l.deviceTime().isPresent());
        this.layouts = List.copyOf(layouts);
        this.decoder = decoder;
        this.encoder = encoder;
        this.source = source;
    }

    /** Reads and validates one profile file. */
    public static FirmwareProfile read(Path file) throws InvalidProfile {
        return ProfileReader.read(file);
    }

    public String id() {
        return id;
    }

    public String version() {
        return version;
    }

    /** What the rig does, e.g. {@code wheelchair-drum-fatigue}; several profiles (makes) may share a kind. */
    public String rigKind() {
        return rigKind;
    }

    public String description() {
        return description;
    }

    public Transport transport() {
        return transport;
    }

    public Optional<MqttTransport> mqtt() {
        return transport instanceof MqttTransport m ? Optional.of(m) : Optional.empty();
    }

    public Optional<SerialTransport> serial() {
        return transport instanceof SerialTransport s ? Optional.of(s) : Optional.empty();
    }

    /** {@code json}, {@code delimited}, {@code key-value} or {@code binary}. */
    public String payloadFormat() {
        return payloadFormat;
    }

    public List<MeasurementSpec> measurementSpecs() {
        return measurementSpecs;
    }

    /** True when frames carry a sequence number, so gaps and repeats can be recognised by it. */
    public boolean hasSequence() {
        return hasSequence;
    }

    /** True when frames carry the device's time; otherwise the receive time stands for it. */
    public boolean hasDeviceTime() {
        return hasDeviceTime;
    }

    /** The checksum's name ({@code nmea-xor}, {@code CRC-16/MODBUS}, ...), empty when frames carry none. */
    public Optional<String> checksum() {
        return layouts.get(0).checksum().map(Checksum::label);
    }

    /**
     * Names of the event codes the profile knows, per event field, in file order (sentence by
     * sentence): whole codes, then status-word bits and masked values as the file writes them.
     */
    public List<List<String>> eventCodes() {
        return layouts.stream().flatMap(l -> l.events().stream()).map(e -> {
            List<String> codes = new java.util.ArrayList<>(e.codes().keySet());
            e.bits().forEach(b -> codes.add(b.code()));
            return List.copyOf(codes);
        }).toList();
    }

    /** The first (for several sentences: the first data sentence's) layout. */
    Layout layout() {
        return layouts.get(0);
    }

    public FrameDecoder decoder() {
        return decoder;
    }

    public FrameEncoder encoder() {
        return encoder;
    }

    /** The first characters of the line the rig prints when it boots, when the profile knows a banner sentence. */
    public Optional<String> bootBanner() {
        return decoder instanceof SentenceDecoder s ? s.bannerPrefix() : Optional.empty();
    }

    /** The file this profile was read from. */
    public Path source() {
        return source;
    }

    @Override
    public String toString() {
        return id + " " + version + " (" + rigKind + ", " + payloadFormat + ")";
    }
}
