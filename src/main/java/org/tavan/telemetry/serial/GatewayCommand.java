package org.tavan.telemetry.serial;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tavan.rigs.RigId;
import org.tavan.telemetry.ingest.IngestProfile;
import org.tavan.telemetry.ingest.IngestProfiles;
import org.tavan.telemetry.profile.ProfileCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tavan gateway}: bridges serial rigs on this machine to an MQTT broker for a Tavan
 * server elsewhere. Each line is published as it came (raw frame, terminator removed) at QoS 1
 * on {@code tavan/gateway/<rig-id>}, signed in as the rig with its own credentials; the server
 * decodes it with the rig's registered profile. A line counts as read once it is forced into the
 * rig's {@link GatewayJournal} under {@code --queue-dir}; a {@link GatewaySender} publishes the
 * journal and advances its acknowledged offset only on PUBACK, so a crash of the gateway, the
 * broker or both loses no line (GatewayCrashTest). Over-long lines are journalled too and reported
 * on {@code .../rejected}; a QoS 0 heartbeat on {@code .../status} tells the server the gateway is
 * up and whether the rig's port is open.
 */
@Command(name = "gateway", mixinStandardHelpOptions = true,
        description = "Bridge local serial rigs to an MQTT broker (raw frames on tavan/gateway/<rig-id>, QoS 1, on-disk queue).")
public final class GatewayCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(GatewayCommand.class);

    @Option(names = "--broker", required = true, paramLabel = "URL", description = "MQTT broker, tcp://host:1883 or ssl://host:8883")
    String broker;

    @Option(names = "--rig", required = true, paramLabel = "ID=PROFILE@PORT",
            description = "A serial rig: its id, its firmware profile id and its port (path or glob), e.g. "
                    + "drum-teh-01=double-drum-drm@/dev/serial/by-id/*FT232*. Repeat for each rig.")
    List<String> rigs;

    @Option(names = "--credentials", paramLabel = "FILE",
            description = "Properties file <rig-id>=<MQTT password> (the passwords shown when the rigs were registered)")
    Path credentials;

    @Option(names = "--profiles", paramLabel = "DIR", defaultValue = "firmware-profiles",
            description = "Firmware profiles directory (default: ${DEFAULT-VALUE})")
    Path profilesDir;

    @Option(names = "--queue-dir", paramLabel = "DIR", defaultValue = "gateway-queue",
            description = "Where frames wait while the broker is unreachable (default: ${DEFAULT-VALUE})")
    Path queueDir;

    @Option(names = "--resend-after-reconnect", paramLabel = "N", defaultValue = "5000",
            description = "Acknowledged frames per rig sent again after a lost connection, for a broker that "
                    + "crashed before saving them; Tavan stores each once (default: ${DEFAULT-VALUE})")
    long resendTail;

    @Option(names = "--forward-rejections", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Report each over-long line as 'too_long <bytes> <limit> <report id>' on tavan/gateway/<rig-id>/rejected, "
                    + "so the rig counts it as a rejection as if attached to the server (on by default; "
                    + "--no-forward-rejections for a server older than this gateway, whose embedded broker "
                    + "would refuse the topic)")
    boolean forwardRejections;

    @Option(names = "--status-every", paramLabel = "SECONDS", defaultValue = "10",
            description = "Send each rig's status (port open or closed, frames read) on tavan/gateway/<rig-id>/status "
                    + "this often, at QoS 0; the server shows a rig stalled when this heartbeat says the port is "
                    + "open but no frame comes (default: ${DEFAULT-VALUE}, 1-3600; 0 sends none, for a server older "
                    + "than this gateway, whose embedded broker would refuse the topic)")
    int statusEverySeconds;

    record Bridge(RigId rig, IngestProfile profile, String port) {
    }

    @Override
    public Integer call() throws Exception {
        AutoCloseable gateway = start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                gateway.close();
            } catch (Exception e) {
                log.debug("stopping: {}", e.toString());
            }
            stopped.countDown();
        }, "tavan-gateway-shutdown"));
        stopped.await();
        return 0;
    }

    /** Starts every bridge; closing the result stops them (queued frames stay on disk). */
    AutoCloseable start() throws Exception {
        IngestProfiles profiles = new IngestProfiles(ProfileCatalog.load(profilesDir).profiles().stream()
                .map(IngestProfile::of).toList());
        Properties passwords = new Properties();
        if (credentials != null) {
            try (Reader reader = Files.newBufferedReader(credentials)) {
                passwords.load(reader);
            }
        }
        if (statusEverySeconds < 0 || statusEverySeconds > 3_600) {
            throw new IllegalArgumentException("--status-every must be 0-3600 seconds, not " + statusEverySeconds);
        }
        List<Bridge> bridges = new ArrayList<>();
        for (String spec : rigs) {
            bridges.add(parse(spec, profiles));
        }
        List<AutoCloseable> running = new ArrayList<>();
        for (Bridge bridge : bridges) {
            String topic = IngestProfiles.GATEWAY_PREFIX + bridge.rig().value();
            Path journalDir = queueDir.resolve(bridge.rig().value()).resolve("journal");
            GatewayJournal journal = new GatewayJournal(journalDir, resendTail);
            GatewayHeartbeat heartbeat = new GatewayHeartbeat(Duration.ofSeconds(statusEverySeconds));
            GatewaySender sender = new GatewaySender(bridge.rig(), broker, passwords.getProperty(bridge.rig().value()),
                    journal, topic, resendTail, heartbeat);
            running.add(journal);
            running.add(0, sender);
            sender.start();
            SerialLineReader reader = new SerialLineReader(bridge.rig().value(), bridge.port(),
                    () -> SerialLineReader.Either.of(bridge.profile().serial().orElseThrow()),
                    new SerialLineReader.Listener() {
                        @Override
                        public void opened() {
                            heartbeat.opened();
                        }

                        @Override
                        public void closed() {
                            heartbeat.closed();
                        }

                        @Override
                        public void frame(byte[] frame) {
                            journal.append(GatewayJournal.Kind.FRAME, frame);
                            heartbeat.frameRead();
                        }

                        @Override
                        public void tooLong(int bytesDropped, int limit) {
                            log.info("Rig {}: dropped a line of {} bytes (limit {})", bridge.rig(), bytesDropped, limit);
                            if (forwardRejections) {
                                journal.append(GatewayJournal.Kind.TOO_LONG,
                                        (bytesDropped + " " + limit).getBytes(StandardCharsets.US_ASCII));
                            }
                        }
                    });
            reader.start();
            running.add(0, reader);
            System.out.println("Bridging " + bridge.rig() + " (" + bridge.profile().id() + ") on " + bridge.port()
                    + " to " + broker + " topic " + topic + ", journal " + journalDir);
        }
        return () -> {
            for (AutoCloseable c : running) {
                try {
                    c.close();
                } catch (Exception e) {
                    log.debug("stopping: {}", e.toString());
                }
            }
        };
    }

    private Bridge parse(String spec, IngestProfiles profiles) {
        int eq = spec.indexOf('=');
        int at = spec.indexOf('@');
        if (eq <= 0 || at <= eq + 1 || at == spec.length() - 1) {
            throw new IllegalArgumentException("--rig '" + spec + "' is not ID=PROFILE@PORT");
        }
        RigId rig;
        try {
            rig = RigId.of(spec.substring(0, eq));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--rig '" + spec + "': " + e.getMessage());
        }
        String profileId = spec.substring(eq + 1, at);
        IngestProfile profile = profiles.byId(profileId).filter(p -> p.serial().isPresent())
                .orElseThrow(() -> new IllegalArgumentException("--rig '" + spec + "': no serial firmware profile '"
                        + profileId + "' in " + profilesDir));
        return new Bridge(rig, profile, spec.substring(at + 1));
    }
}
