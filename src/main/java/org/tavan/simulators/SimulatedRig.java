package org.tavan.simulators;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;

import org.tavan.simulators.SimulationSpec.Hotspot;
import org.tavan.simulators.SimulationSpec.ValueModel;
import org.tavan.telemetry.profile.FirmwareProfile;
import org.tavan.telemetry.profile.FrameContent;
import org.tavan.telemetry.profile.InvalidProfile;
import org.tavan.telemetry.profile.MeasurementSpec;

/**
 * A rig of one firmware profile that exists only in software. Its frames come from the profile's
 * own encoder, with values from the profile's simulation file in {@code simulators/}, and are the
 * same for the same seed and start time: a test can regenerate exactly what was published.
 * Usable as a library: {@code new SimulatedRig(...).frames(20_000)} and a {@link FramePublisher}.
 */
public final class SimulatedRig {

    private final FirmwareProfile profile;
    private final SimulationSpec spec;
    private final String rigId;
    private final Scenario scenario;
    private final long seed;
    private final Instant start;
    private final double rate;

    public SimulatedRig(FirmwareProfile profile, Path simulationFile, String rigId, Scenario scenario, long seed,
                        Instant start) {
        this(profile, SimulationSpec.read(simulationFile), simulationFile, rigId, scenario, seed, start, 0);
    }

    private SimulatedRig(FirmwareProfile profile, SimulationSpec spec, Path simulationFile, String rigId, Scenario scenario,
                         long seed, Instant start, double rate) {
        this.profile = profile;
        this.spec = spec;
        if (!spec.profile().equals(profile.id())) {
            throw new IllegalArgumentException(simulationFile + " simulates profile " + spec.profile() + ", not " + profile.id());
        }
        if (rigId == null || !rigId.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("rig id must be 1-64 letters, digits, '.', '_' or '-'");
        }
        this.rigId = rigId;
        this.scenario = scenario;
        this.seed = seed;
        this.start = start;
        this.rate = rate > 0 ? rate : spec.rate();
    }

    /** The same rig sending {@code readingsPerSecond}: device times are spaced by that rate instead of the kind's own. */
    public SimulatedRig atRate(double readingsPerSecond) {
        if (!(readingsPerSecond > 0)) {
            throw new IllegalArgumentException("rate must be positive");
        }
        return new SimulatedRig(profile, spec, profile.source(), rigId, scenario, seed, start, readingsPerSecond);
    }

    /** The rig for a profile file, with the simulation file of that profile's id from {@code simulatorsDir}. */
    public static SimulatedRig load(Path profileFile, Path simulatorsDir, String rigId, Scenario scenario, long seed,
                                    Instant start) {
        FirmwareProfile profile;
        try {
            profile = FirmwareProfile.read(profileFile);
        } catch (InvalidProfile e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        Path simulation = simulatorsDir.resolve(profile.id() + ".json");
        if (!simulation.toFile().isFile()) {
            throw new IllegalArgumentException("no simulation file " + simulation + " for profile " + profile.id());
        }
        return new SimulatedRig(profile, simulation, rigId, scenario, seed, start);
    }

    public FirmwareProfile profile() {
        return profile;
    }

    public String rigId() {
        return rigId;
    }

    public Scenario scenario() {
        return scenario;
    }

    /** Readings per second: the rig kind's own rate from the simulation file, unless {@link #atRate} changed it. */
    public double rate() {
        return rate;
    }

    /** The MQTT topic this rig publishes on; {@code site} fills the pattern's {@code +} levels. */
    public Optional<String> topic(String site) {
        return profile.mqtt().map(m -> m.topicFor(rigId, site));
    }

    /** All frames of a run that carries {@code readings} readings (plus the scenario's duplicates and corrupt frames). */
    public List<SimulatedFrame> take(int readings) {
        List<SimulatedFrame> out = new ArrayList<>();
        frames(readings).forEachRemaining(out::add);
        return out;
    }

    /** The frames of a run, generated lazily so a long run needs no memory. */
    public Iterator<SimulatedFrame> frames(int readings) {
        return new Run(readings);
    }

    private final class Run implements Iterator<SimulatedFrame> {
        private final int readings;
        private final Random random = new Random(seed);
        private final Deque<SimulatedFrame> pending = new ArrayDeque<>();
        // Element names are the same in every frame; rendering 256 of them per frame would dominate.
        private final Map<String, String> names = new java.util.HashMap<>();
        private final Map<String, String[][]> cellNames = new java.util.HashMap<>();
        private int next;

        Run(int readings) {
            this.readings = readings;
        }

        @Override
        public boolean hasNext() {
            return !pending.isEmpty() || next < readings;
        }

        @Override
        public SimulatedFrame next() {
            if (pending.isEmpty()) {
                if (next >= readings) {
                    throw new NoSuchElementException();
                }
                generate(next++);
            }
            return pending.poll();
        }

        private void generate(int i) {
            FrameContent content = content(i);
            List<byte[]> all = profile.encoder().encodeAll(content);
            byte[] bytes = all.get(0);
            boolean reconnect = scenario == Scenario.DROPOUT && i > 0 && i % Math.max(1, readings / 6) == 0;
            Optional<String> banner = profile.bootBanner();
            if (banner.isPresent() && (i == 0 || reconnect)) {
                // A rig that loses power prints its banner when it comes back.
                byte[] boot = (banner.get() + " fw " + profile.version() + " boot").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                pending.add(new SimulatedFrame(boot, SimulatedFrame.Kind.STATUS, Optional.empty(), reconnect));
                reconnect = false;
            }
            pending.add(new SimulatedFrame(bytes, SimulatedFrame.Kind.READING, Optional.of(content), reconnect));
            for (byte[] extra : all.subList(1, all.size())) {
                pending.add(new SimulatedFrame(extra, SimulatedFrame.Kind.STATUS, Optional.of(content), false));
            }
            if (scenario == Scenario.DUPLICATE && i % 5 == 4) {
                pending.add(new SimulatedFrame(bytes.clone(), SimulatedFrame.Kind.DUPLICATE, Optional.of(content), false));
            }
            if (scenario == Scenario.CORRUPT && i % 7 == 6) {
                pending.add(new SimulatedFrame(corrupt(bytes, (i / 7) % 3), SimulatedFrame.Kind.CORRUPT, Optional.empty(), false));
            }
        }

        private byte[] corrupt(byte[] frame, int how) {
            if (how == 0 && profile.checksum().isPresent()) {
                byte[] broken = frame.clone();
                int last = broken.length - 1;
                broken[last] = (byte) (broken[last] == '0' ? '1' : '0');
                return broken;
            }
            if (how <= 1) {
                return Arrays.copyOf(frame, frame.length / 2);
            }
            byte[] garbage = new byte[10 + random.nextInt(50)];
            random.nextBytes(garbage);
            garbage[0] = 0;
            for (int k = 0; k < garbage.length; k++) {
                if (garbage[k] == '\n' || garbage[k] == '\r') {
                    garbage[k] = 'x';
                }
            }
            return garbage;
        }

        private FrameContent content(int i) {
            Instant time = start.plus(Duration.ofNanos((long) (i * 1e9 / rate))).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            Map<String, Double> values = new LinkedHashMap<>();
            for (MeasurementSpec m : profile.measurementSpecs()) {
                ValueModel model = spec.values().get(m.name());
                if (model == null) {
                    continue;
                }
                if (model.shape() != null) {
                    matrix(m, model, i, values);
                } else if (model.keys() != null) {
                    for (Map.Entry<String, Double> key : model.keys().entrySet()) {
                        values.put(names.computeIfAbsent(m.name() + "|" + key.getKey(), n -> m.expand(List.of(), key.getKey())),
                                quantise(noisy(key.getValue(), model, i), model));
                    }
                } else {
                    values.put(m.name(), scalar(model, i));
                }
            }
            List<String> codes = new ArrayList<>(Collections.nCopies(profile.eventCodes().size(), ""));
            if (!codes.isEmpty()) {
                codes.set(0, eventCode(i));
            }
            return new FrameContent(profile.hasSequence() ? OptionalLong.of(i + 1L) : OptionalLong.empty(),
                    Optional.of(time), Optional.of(start.minus(Duration.ofHours(1))), values, codes);
        }

        private String eventCode(int i) {
            SimulationSpec.Events e = spec.events();
            if (e == null) {
                return "";
            }
            String code;
            if (i == 0) {
                code = e.start();
            } else if (i == readings - 1) {
                code = scenario == Scenario.FAIL ? e.fault() : e.finish();
            } else if (readings >= 8 && (i == readings / 4 || i == readings / 2 || i == 3 * readings / 4)) {
                code = e.checkpoint() != null ? e.checkpoint() : e.idle();
            } else {
                code = e.idle();
            }
            return code == null ? "" : code;
        }

        private double scalar(ValueModel model, int i) {
            if (model.step() != null) {
                return quantise(orZero(model.start()) + model.step() * i, model);
            }
            if (scenario == Scenario.FAIL && model.fail() != null && i >= readings / 2) {
                return quantise(model.fail() + orZero(model.noise()) * (2 * random.nextDouble() - 1), model);
            }
            return quantise(noisy(orZero(model.nominal()), model, i), model);
        }

        private double noisy(double nominal, ValueModel model, int i) {
            double v = nominal + orZero(model.noise()) * (2 * random.nextDouble() - 1);
            if (scenario == Scenario.DRIFT && model.drift() != null) {
                v += model.drift() * i;
            }
            return v;
        }

        private void matrix(MeasurementSpec m, ValueModel model, int i, Map<String, Double> values) {
            boolean failing = scenario == Scenario.FAIL && i >= readings / 2;
            String[][] cells = cellNames.computeIfAbsent(m.name(), n -> {
                String[][] names = new String[model.shape().get(0)][model.shape().get(1)];
                for (int r = 0; r < names.length; r++) {
                    for (int c = 0; c < names[r].length; c++) {
                        names[r][c] = m.expand(List.of(r, c), null);
                    }
                }
                return names;
            });
            for (int r = 0; r < model.shape().get(0); r++) {
                for (int c = 0; c < model.shape().get(1); c++) {
                    double base = orZero(model.nominal());
                    if (model.hotspots() != null) {
                        for (Hotspot h : model.hotspots()) {
                            double peak = failing && model.failPeak() != null ? model.failPeak() : h.peak();
                            double d2 = (r - h.row()) * (r - h.row()) + (c - h.col()) * (c - h.col());
                            base += (peak - orZero(model.nominal())) * Math.exp(-d2 / (2 * h.radius() * h.radius()));
                        }
                    }
                    values.put(cells[r][c], quantise(Math.max(0, noisy(base, model, i)), model));
                }
            }
        }

        private double quantise(double v, ValueModel model) {
            double resolution = model.resolution() == null ? 0.001 : model.resolution();
            double q = Math.round(v / resolution) * resolution;
            // Strip binary noise (0.30000000000000004) so the intended value prints as the rig would.
            return Math.round(q * 1e6) / 1e6;
        }

        private static double orZero(Double d) {
            return d == null ? 0 : d;
        }
    }

    @Override
    public String toString() {
        return rigId + " (" + profile.id() + ", " + scenario.label() + ")";
    }
}
