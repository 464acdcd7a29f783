package org.tavan.simulators;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tavan.telemetry.DecodedFrame;
import org.tavan.telemetry.FrameRejected;
import org.tavan.telemetry.Measurement;
import org.tavan.telemetry.RigEvent;
import org.tavan.telemetry.profile.FirmwareProfile;
import org.tavan.telemetry.profile.FrameContent;
import org.tavan.telemetry.profile.ProfileCatalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SimulatedRigTest {

    static final ProfileCatalog SHIPPED = ProfileCatalog.load(Path.of("firmware-profiles"));
    static final Path SIMULATORS = Path.of("simulators");
    static final Instant START = Instant.parse("2026-11-25T06:00:00Z");

    static SimulatedRig rig(FirmwareProfile profile, Scenario scenario, long seed) {
        return new SimulatedRig(profile, SIMULATORS.resolve(profile.id() + ".json"), "rig-1", scenario, seed, START);
    }

    static Stream<Arguments> everyProfileAndScenario() {
        List<Arguments> out = new ArrayList<>();
        for (FirmwareProfile p : SHIPPED.profiles()) {
            for (Scenario s : Scenario.values()) {
                out.add(Arguments.of(p.id(), s));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyProfileAndScenario")
    void generated_frames_decode_to_what_the_generator_meant(String profileId, Scenario scenario) throws Exception {
        FirmwareProfile profile = SHIPPED.byId(profileId).orElseThrow();
        List<SimulatedFrame> frames = rig(profile, scenario, 42).take(60);

        long sequence = 0;
        for (int f = 0; f < frames.size(); f++) {
            SimulatedFrame frame = frames.get(f);
            if (frame.kind() == SimulatedFrame.Kind.CORRUPT) {
                assertThatThrownBy(() -> profile.decoder().decode(frame.bytes())).isInstanceOf(FrameRejected.class);
                continue;
            }
            if (frame.kind() == SimulatedFrame.Kind.STATUS) {
                // Checked with the reading it follows; a banner decodes to its one event.
                if (frame.intended().isEmpty()) {
                    assertThat(profile.decoder().decode(frame.bytes()).events()).extracting(RigEvent::kind).containsExactly("restarted");
                }
                continue;
            }
            FrameContent intended = frame.intended().orElseThrow();
            DecodedFrame decoded = profile.decoder().decode(frame.bytes());
            if (frame.kind() == SimulatedFrame.Kind.READING) {
                sequence++;
            }
            if (profile.hasSequence()) {
                assertThat(decoded.sequence()).hasValue(sequence);
            }
            if (profile.hasDeviceTime()) {
                assertThat(decoded.deviceTime()).isEqualTo(intended.deviceTime());
            }
            for (Map.Entry<String, Double> value : intended.values().entrySet()) {
                Measurement m = decoded.measurements().stream().filter(d -> d.name().equals(value.getKey())).findFirst()
                        .orElseThrow(() -> new AssertionError(value.getKey() + " not decoded"));
                assertThat(m.value()).as(m.name()).isCloseTo(value.getValue(), within(1e-6));
            }
            List<String> meant = new ArrayList<>();
            for (int k = 0; k < intended.eventCodes().size(); k++) {
                if (profile.eventCodes().get(k).contains(intended.eventCodes().get(k))) {
                    meant.add(intended.eventCodes().get(k));
                }
            }
            // A status sentence that follows its data line carries the reading's events.
            List<RigEvent> events = new ArrayList<>(decoded.events());
            for (int g = f + 1; g < frames.size() && frames.get(g).kind() == SimulatedFrame.Kind.STATUS
                    && frames.get(g).intended().isPresent(); g++) {
                events.addAll(profile.decoder().decode(frames.get(g).bytes()).events());
            }
            if (frame.kind() == SimulatedFrame.Kind.READING || profile.bootBanner().isEmpty()) {
                // A repeated data line repeats no status line: its events came once.
                assertThat(events).extracting(RigEvent::code).containsExactlyElementsOf(meant);
            }
        }
        assertThat(sequence).isEqualTo(60);
    }

    @Test
    void the_same_seed_gives_the_same_frames_and_another_seed_other_frames() {
        FirmwareProfile mat = SHIPPED.byId("pressure-mat-16").orElseThrow();
        List<SimulatedFrame> a = rig(mat, Scenario.CORRUPT, 7).take(30);
        List<SimulatedFrame> b = rig(mat, Scenario.CORRUPT, 7).take(30);
        List<SimulatedFrame> c = rig(mat, Scenario.CORRUPT, 8).take(30);

        assertThat(a).hasSameSizeAs(b);
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i).bytes()).isEqualTo(b.get(i).bytes());
        }
        assertThat(a.get(0).bytes()).isNotEqualTo(c.get(0).bytes());
    }

    @Test
    void scenarios_shape_the_run() throws Exception {
        FirmwareProfile drum = SHIPPED.byId("double-drum-drm").orElseThrow();

        assertThat(rig(drum, Scenario.DUPLICATE, 1).take(100)).filteredOn(f -> f.kind() == SimulatedFrame.Kind.DUPLICATE).hasSize(20);
        assertThat(rig(drum, Scenario.CORRUPT, 1).take(100)).filteredOn(f -> f.kind() == SimulatedFrame.Kind.CORRUPT).hasSize(14);
        assertThat(rig(drum, Scenario.DROPOUT, 1).take(100)).filteredOn(SimulatedFrame::reconnectBefore).hasSize(6);

        List<SimulatedFrame> failing = rig(drum, Scenario.FAIL, 1).take(100);
        DecodedFrame late = drum.decoder().decode(failing.get(80).bytes());
        assertThat(late.measurements()).filteredOn(m -> m.name().equals("speed")).singleElement()
                .satisfies(m -> assertThat(m.value()).isGreaterThan(1.1));
        assertThat(drum.decoder().decode(failing.get(99).bytes()).events()).extracting(RigEvent::kind).containsExactly("fault");

        List<SimulatedFrame> drifting = rig(drum, Scenario.DRIFT, 1).take(400);
        double first = speed(drum, drifting.get(0));
        double last = speed(drum, drifting.get(399));
        assertThat(last - first).isGreaterThan(0.15);

        List<SimulatedFrame> passing = rig(drum, Scenario.PASS, 1).take(100);
        assertThat(passing).allSatisfy(f -> assertThat(speed(drum, f)).isBetween(0.99, 1.01));
        assertThat(drum.decoder().decode(passing.get(25).bytes()).events()).extracting(RigEvent::kind).containsExactly("checkpoint");
    }

    private static double speed(FirmwareProfile drum, SimulatedFrame frame) {
        try {
            return drum.decoder().decode(frame.bytes()).measurements().stream().filter(m -> m.name().equals("speed"))
                    .findFirst().orElseThrow().value();
        } catch (FrameRejected e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void the_pressure_mat_sends_a_16_by_16_map_with_peak_and_mean() throws Exception {
        FirmwareProfile mat = SHIPPED.byId("pressure-mat-16").orElseThrow();
        DecodedFrame frame = mat.decoder().decode(rig(mat, Scenario.PASS, 3).take(1).get(0).bytes());

        assertThat(frame.measurements()).filteredOn(m -> m.name().startsWith("p_r")).hasSize(256);
        double max = frame.measurements().stream().filter(m -> m.name().startsWith("p_r")).mapToDouble(Measurement::value).max().orElseThrow();
        assertThat(frame.measurements()).filteredOn(m -> m.name().equals("peak")).singleElement()
                .satisfies(m -> assertThat(m.value()).isEqualTo(max).isBetween(50.0, 70.0));
        assertThat(frame.measurements()).extracting(Measurement::name).contains("p_r11_c04", "mean");
    }

    @Test
    void every_shipped_profile_has_a_simulation_file() {
        for (FirmwareProfile p : SHIPPED.profiles()) {
            assertThat(SIMULATORS.resolve(p.id() + ".json")).as(p.id()).isRegularFile();
        }
    }

    @Test
    void a_simulation_file_for_another_profile_is_refused() {
        FirmwareProfile drum = SHIPPED.byId("double-drum-drm").orElseThrow();
        assertThatThrownBy(() -> new SimulatedRig(drum, SIMULATORS.resolve("curb-drop-kv.json"), "r", Scenario.PASS, 1, START))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("curb-drop-kv");
    }
}
