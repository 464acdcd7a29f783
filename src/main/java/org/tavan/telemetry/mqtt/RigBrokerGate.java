package org.tavan.telemetry.mqtt;

import java.util.Optional;

import org.tavan.rigs.Rigs;
import org.tavan.telemetry.ingest.GatewayReports;
import org.tavan.telemetry.ingest.IngestProfiles;
import org.tavan.telemetry.ingest.RigDirectory;

/**
 * The embedded broker's rule for rigs: a rig signs in with its id and the password it got
 * at registration, and may publish only on topics that name itself — its profile's topic
 * pattern with its own id, or the gateway topic {@code tavan/gateway/<its id>} and the gateway's
 * reports about it on {@code .../rejected} and {@code .../status} (the gateway signs in as the rig).
 */
public final class RigBrokerGate implements BrokerAccess.RigGate {

    private final Rigs rigs;
    private final RigDirectory directory;
    private final IngestProfiles profiles;

    public RigBrokerGate(Rigs rigs, RigDirectory directory, IngestProfiles profiles) {
        this.rigs = rigs;
        this.directory = directory;
        this.profiles = profiles;
    }

    @Override
    public boolean authenticate(String username, byte[] password) {
        try {
            return rigs.authenticate(username, password);
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public boolean mayPublish(String username, String topic) {
        try {
            Optional<String> gatewayRig = IngestProfiles.gatewayRig(topic)
                    .or(() -> GatewayReports.ofTopic(topic).map(GatewayReports.Topic::rigId));
            if (gatewayRig.isPresent()) {
                return gatewayRig.get().equals(username) && directory.profileOf(username).isPresent();
            }
            return profiles.forTopic(topic)
                    .filter(m -> m.rigId().equals(username))
                    .filter(m -> directory.profileOf(username).filter(m.profile().id()::equals).isPresent())
                    .isPresent();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
