package org.tavan.telemetry.mqtt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import io.moquette.broker.security.IAuthenticator;
import io.moquette.broker.security.IAuthorizatorPolicy;
import io.moquette.broker.subscriptions.Topic;

/**
 * Who may connect to the embedded broker and what they may publish or read. Tavan's own
 * client (the service account) may do everything; rigs are let in by the {@link RigGate}
 * that the rig registry installs, and only on their own topics. Nobody is anonymous.
 */
public final class BrokerAccess implements IAuthenticator, IAuthorizatorPolicy {

    /** The rig registry's answer to "is this a rig, and may it use this topic". */
    public interface RigGate {
        boolean authenticate(String username, byte[] password);

        boolean mayPublish(String username, String topic);
    }

    private static final RigGate NO_RIGS = new RigGate() {
        @Override
        public boolean authenticate(String username, byte[] password) {
            return false;
        }

        @Override
        public boolean mayPublish(String username, String topic) {
            return false;
        }
    };

    private final String serviceUser;
    private final byte[] servicePassword;
    private volatile RigGate rigs = NO_RIGS;

    public BrokerAccess(String serviceUser, String servicePassword) {
        this.serviceUser = serviceUser;
        this.servicePassword = servicePassword.getBytes(StandardCharsets.UTF_8);
    }

    public void admitRigs(RigGate gate) {
        this.rigs = gate;
    }

    @Override
    public boolean checkValid(String clientId, String username, byte[] password) {
        if (username == null || password == null) {
            return false;
        }
        if (serviceUser.equals(username)) {
            return MessageDigest.isEqual(servicePassword, password);
        }
        return rigs.authenticate(username, password);
    }

    @Override
    public boolean canWrite(Topic topic, String user, String client) {
        return serviceUser.equals(user) || (user != null && rigs.mayPublish(user, topic.toString()));
    }

    @Override
    public boolean canRead(Topic topic, String user, String client) {
        return serviceUser.equals(user);
    }
}
