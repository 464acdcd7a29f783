package org.tavan.simulators;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tavan simulate}: a simulated rig speaking a firmware profile over MQTT or a serial port. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Run a simulated rig: frames of a firmware profile, published over MQTT (QoS 1) or written to a serial port.")
public final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--profile", required = true, paramLabel = "FILE", description = "Profile file, e.g. firmware-profiles/curb-drop.json")
    Path profile;

    @Option(names = "--rig", required = true, paramLabel = "ID", description = "Rig id (the {rig} level of the MQTT topic)")
    String rig;

    @Option(names = "--scenario", defaultValue = "pass",
            description = "pass, fail, drift, dropout, corrupt, duplicate or burst (default: ${DEFAULT-VALUE})")
    String scenario;

    @Option(names = "--mqtt-url", defaultValue = "tcp://127.0.0.1:1883", description = "Broker for MQTT profiles (default: ${DEFAULT-VALUE})")
    String mqttUrl;

    @Option(names = "--username", defaultValue = "", description = "MQTT user name (the rig's credentials)")
    String username;

    @Option(names = "--password", defaultValue = "", description = "MQTT password")
    String password;

    @Option(names = "--site", defaultValue = "ws1", description = "Fills the '+' levels of the profile's topic (default: ${DEFAULT-VALUE})")
    String site;

    @Option(names = "--serial-port", paramLabel = "PATH", description = "Port for serial profiles, e.g. /dev/pts/5 or a socat link")
    String serialPort;

    @Option(names = "--count", defaultValue = "100", description = "Readings to send (default: ${DEFAULT-VALUE}); duplicates and corrupt frames come on top")
    int count;

    @Option(names = "--rate", description = "Readings per second (default: the rig kind's own rate; burst: full speed)")
    Double rate;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed: the same seed and --start give the same frames (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--start", description = "Device time of the first reading, ISO-8601 (default: now)")
    Instant start;

    @Option(names = "--simulators", defaultValue = "simulators", paramLabel = "DIR",
            description = "Folder with the simulation files <profile-id>.json (default: ${DEFAULT-VALUE})")
    Path simulators;

    @Option(names = "--dropout-seconds", defaultValue = "3", description = "How long each dropout lasts (default: ${DEFAULT-VALUE})")
    int dropoutSeconds;

    @Override
    public Integer call() throws Exception {
        if (count < 1) {
            throw new IllegalArgumentException("--count must be at least 1");
        }
        Scenario chosen = Scenario.parse(scenario);
        SimulatedRig simulated = SimulatedRig.load(profile, simulators, rig, chosen, seed,
                start != null ? start : Instant.now().truncatedTo(ChronoUnit.SECONDS));
        if (rate != null) {
            simulated = simulated.atRate(rate);
        }
        double pace = chosen == Scenario.BURST ? 0 : simulated.rate();
        FramePublisher publisher;
        String where;
        if (simulated.profile().serial().isPresent()) {
            if (serialPort == null) {
                throw new IllegalArgumentException("profile " + simulated.profile().id() + " speaks over a serial line: give --serial-port");
            }
            try {
                publisher = simulated.profile().serial().get().poll().isPresent()
                        ? new PolledSerialResponder(serialPort, simulated.profile().serial().get())
                        : new SerialFramePublisher(serialPort, simulated.profile().serial().get());
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e.getMessage() + " (create a pty pair with socat, see simulators/README.md)", e);
            }
            where = serialPort;
        } else {
            if (serialPort != null) {
                throw new IllegalArgumentException("profile " + simulated.profile().id() + " speaks MQTT: drop --serial-port");
            }
            String topic = simulated.topic(site).orElseThrow();
            try {
                publisher = new MqttFramePublisher(mqttUrl, "sim-" + rig + "-" + ProcessHandle.current().pid(), username,
                        password, topic);
            } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
                throw new IllegalStateException("Cannot publish to " + mqttUrl + " as " + (username.isEmpty() ? "anonymous" : username)
                        + ": " + e.getMessage(), e);
            }
            where = mqttUrl + " topic " + topic;
        }
        System.out.printf(Locale.ROOT, "Simulating %s: %d readings to %s at %s%n", simulated, count, where,
                pace > 0 ? pace + " per second" : "full speed");
        SimulationRun.Summary summary;
        try (publisher) {
            summary = SimulationRun.run(simulated, count, publisher, pace, Duration.ofSeconds(dropoutSeconds));
        }
        System.out.printf(Locale.ROOT, "Sent %d readings, %d duplicates, %d corrupt frames, %d dropouts in %.1f s (%.0f frames/s)%n",
                summary.readings(), summary.duplicates(), summary.corrupt(), summary.dropouts(),
                summary.elapsed().toMillis() / 1000.0, summary.framesPerSecond());
        return 0;
    }
}
