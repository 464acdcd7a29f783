package org.tavan.telemetry.mqtt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Principal;
import java.util.Set;

import javax.security.auth.Subject;

import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager5;
import org.apache.activemq.artemis.spi.core.security.jaas.NoCacheLoginException;
import org.apache.activemq.artemis.spi.core.security.jaas.RolePrincipal;
import org.apache.activemq.artemis.spi.core.security.jaas.UserPrincipal;

/**
 * Who may connect to the embedded broker and what they may do there. Tavan's own client (the
 * service account) may do everything; rigs are let in by the {@link RigGate} that the rig
 * registry installs, and may only publish (which creates the topic's address on first use),
 * only on their own topics. Nobody is anonymous.
 * The broker's topic syntax is MQTT's (see {@link EmbeddedBroker}), so the address a check
 * names is the MQTT topic the rig used.
 */
public final class BrokerAccess implements ActiveMQSecurityManager5 {

    /** The rig registry's answer to "is this a rig, and may it use this topic". */
    public interface RigGate {
        boolean authenticate(String username, byte[] password);

        boolean mayPublish(String username, String topic);
    }

    static final String SERVICE_ROLE = "tavan-service";
    static final String RIG_ROLE = "rig";

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
    public Subject authenticate(String user, String password, RemotingConnection connection, String securityDomain)
            throws NoCacheLoginException {
        String role = roleOf(user, password);
        if (role == null) {
            // Not cached: a rig registered or rotated a moment ago must get in with its new password at once.
            throw new NoCacheLoginException("unknown user or wrong password");
        }
        Subject subject = new Subject();
        subject.getPrincipals().add(new UserPrincipal(user));
        subject.getPrincipals().add(new RolePrincipal(role));
        return subject;
    }

    private String roleOf(String user, String password) {
        if (user == null || password == null) {
            return null;
        }
        byte[] given = password.getBytes(StandardCharsets.UTF_8);
        if (serviceUser.equals(user)) {
            return MessageDigest.isEqual(servicePassword, given) ? SERVICE_ROLE : null;
        }
        return rigs.authenticate(user, given) ? RIG_ROLE : null;
    }

    @Override
    public boolean authorize(Subject subject, Set<Role> roles, CheckType checkType, String address) {
        if (subject == null) {
            return false;
        }
        String user = null;
        boolean service = false;
        for (Principal p : subject.getPrincipals()) {
            if (p instanceof UserPrincipal) {
                user = p.getName();
            } else if (p instanceof RolePrincipal && SERVICE_ROLE.equals(p.getName())) {
                service = true;
            }
        }
        if (service) {
            return true;
        }
        // A rig's first publish on its topic creates the address: both are the same question.
        boolean publishing = checkType == CheckType.SEND || checkType == CheckType.CREATE_ADDRESS;
        return user != null && publishing && rigs.mayPublish(user, topicOf(address));
    }

    /** A check on a queue names it as {@code address::queue}; the rule is about the address. */
    private static String topicOf(String address) {
        int fqqn = address.indexOf("::");
        return fqqn < 0 ? address : address.substring(0, fqqn);
    }

    @Override
    public boolean validateUser(String user, String password) {
        return roleOf(user, password) != null;
    }

    @Override
    public boolean validateUserAndRole(String user, String password, Set<Role> roles, CheckType checkType) {
        return SERVICE_ROLE.equals(roleOf(user, password));
    }
}
