package org.tavan.telemetry.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tavan.telemetry.DecodedFrame;
import org.tavan.telemetry.FrameRejected;
import org.tavan.telemetry.Measurement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Whatever bytes arrive, a decoder returns a frame or throws FrameRejected with a known reason:
 * random bytes, and golden frames truncated, mutated, spliced — and, for checksummed profiles,
 * mutated and then given a valid checksum so the mutation reaches the payload parser.
 */
class GarbageFramesTest {

    private static final Set<String> REASONS = Set.of("checksum", "syntax", "missing_field", "bad_value", "too_long");

    /**
     * The shipped profiles, the documentation's examples and the test-only binary profile: every
     * format (binary frames too), checksum and time encoding.
     */
    static Stream<FirmwareProfile> profiles() {
        return Stream.of(GoldenFramesTest.SHIPPED.profiles().stream(),
                ProfileCatalog.load(Path.of("docs/examples")).profiles().stream(),
                ProfileCatalog.load(DocsExamplesTest.TEST_EXAMPLES).profiles().stream()).flatMap(s -> s);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("profiles")
    void no_input_makes_a_decoder_throw_anything_but_frame_rejected(FirmwareProfile profile) throws IOException {
        Random random = new Random(profile.id().hashCode());
        List<byte[]> inputs = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            byte[] junk = new byte[random.nextInt(300)];
            random.nextBytes(junk);
            inputs.add(junk);
        }
        inputs.add(null);
        List<byte[]> golden = goldenFrames(profile);
        assertThat(golden).isNotEmpty();
        for (byte[] frame : golden) {
            // Every cut of a short frame; 300 random cuts of a long one (a 16 KB frame has 16,000).
            for (int k = 0; k <= Math.min(frame.length, 300); k++) {
                int n = frame.length <= 300 ? k : random.nextInt(frame.length + 1);
                inputs.add(Arrays.copyOf(frame, n));
            }
            for (int i = 0; i < 300; i++) {
                inputs.add(mutate(frame, random));
                inputs.add(resealed(profile, mutate(body(profile, frame), random)));
            }
            byte[] other = golden.get(random.nextInt(golden.size()));
            int cut = random.nextInt(frame.length + 1);
            byte[] spliced = Arrays.copyOf(frame, cut + other.length);
            System.arraycopy(other, 0, spliced, cut, other.length);
            inputs.add(spliced);
        }

        int accepted = 0;
        java.util.Map<String, Integer> rejections = new java.util.TreeMap<>();
        for (byte[] input : inputs) {
            try {
                DecodedFrame decoded = profile.decoder().decode(input);
                // Plain checks: a pressure-mat frame has 258 measurements and thousands of frames pass here.
                Set<String> names = new HashSet<>();
                for (Measurement m : decoded.measurements()) {
                    if (!Double.isFinite(m.value()) || !names.add(m.name())) {
                        fail(profile.id() + " decoded " + m + " (not finite or twice) from " + HexFormat.of().formatHex(input));
                    }
                }
                accepted++;
            } catch (FrameRejected e) {
                assertThat(REASONS).as(e.getMessage()).contains(e.reason());
                rejections.merge(e.reason(), 1, Integer::sum);
                assertThat(e.getMessage()).isNotBlank().doesNotContainPattern("\\p{Cntrl}");
            } catch (Throwable e) {
                fail(profile.id() + " threw " + e + " for " + (input == null ? "null" : HexFormat.of().formatHex(input)), e);
            }
        }
        assertThat(accepted).as("some mutations still decode (e.g. a changed digit)").isPositive();
        // Every input is accounted for: decoded, or rejected with one of the known reasons.
        assertThat(accepted + rejections.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(inputs.size());
        assertThat(rejections).as(profile.id()).containsKey("syntax");
    }

    private static List<byte[]> goldenFrames(FirmwareProfile profile) throws IOException {
        List<byte[]> frames = new ArrayList<>();
        Path golden = GoldenFramesTest.GOLDEN.resolve(profile.id());
        String stem = profile.source().getFileName().toString().replace(".json", ".");
        Path dir = Files.isDirectory(golden) ? golden : profile.source().getParent().resolve("frames");
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".frame"))
                    .filter(f -> dir == golden || f.getFileName().toString().startsWith(stem)).sorted().toList()) {
                frames.add(Files.readAllBytes(f));
            }
        }
        return frames;
    }

    private static byte[] body(FirmwareProfile profile, byte[] frame) {
        int end = frame.length;
        while (!profile.payloadFormat().equals("binary") && end > 0 && (frame[end - 1] == '\n' || frame[end - 1] == '\r')) {
            end--;
        }
        byte[] trimmed = Arrays.copyOf(frame, end);
        if (profile.layout().checksum().isEmpty()) {
            return trimmed;
        }
        try {
            return profile.layout().checksum().get().verify(trimmed);
        } catch (FrameRejected e) {
            return trimmed;
        }
    }

    private static byte[] resealed(FirmwareProfile profile, byte[] body) {
        return profile.layout().checksum().map(c -> c.append(body)).orElse(body);
    }

    private static final byte[] INTERESTING = ",;=*#$.-+eE{}[]\":0123456789 \r\n\u0000".getBytes();

    private static byte[] mutate(byte[] frame, Random random) {
        if (frame.length == 0) {
            return new byte[] {(byte) random.nextInt(256)};
        }
        byte[] out = frame.clone();
        int changes = 1 + random.nextInt(3);
        for (int c = 0; c < changes; c++) {
            int at = random.nextInt(out.length);
            switch (random.nextInt(4)) {
                case 0 -> out[at] = (byte) random.nextInt(256);
                case 1 -> out[at] = INTERESTING[random.nextInt(INTERESTING.length)];
                case 2 -> {
                    byte[] shorter = new byte[out.length - 1];
                    System.arraycopy(out, 0, shorter, 0, at);
                    System.arraycopy(out, at + 1, shorter, at, out.length - at - 1);
                    out = shorter.length == 0 ? out : shorter;
                }
                default -> {
                    byte[] longer = new byte[out.length + 1];
                    System.arraycopy(out, 0, longer, 0, at);
                    longer[at] = INTERESTING[random.nextInt(INTERESTING.length)];
                    System.arraycopy(out, at, longer, at + 1, out.length - at);
                    out = longer;
                }
            }
        }
        return out;
    }
}
