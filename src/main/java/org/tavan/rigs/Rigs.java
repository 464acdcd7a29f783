package org.tavan.rigs;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tavan.audit.Actor;
import org.tavan.audit.AuditLog;
import org.tavan.auth.Passwords;
import org.tavan.errors.Conflict;
import org.tavan.errors.InvalidInput;
import org.tavan.errors.NotFound;
import org.tavan.storage.Database;

/**
 * The rig registry: registering rigs, changing them, their MQTT credentials, and how they
 * look to technicians. Every change writes the audit log in its transaction.
 */
public final class Rigs {

    private static final int SHOWN_REJECTIONS = 20;
    private static final int SHOWN_GAPS = 20;

    private static final Logger log = LoggerFactory.getLogger(Rigs.class);

    private final List<Consumer<String>> withdrawnListeners = new CopyOnWriteArrayList<>();
    private final Database db;
    private final AuditLog audit;
    private final Clock clock;
    private final Function<String, Optional<RigKind>> kinds;
    private final Duration heartbeatTimeout;
    private final RigLinks links;
    private final SecureRandom random = new SecureRandom();

    public Rigs(Database db, AuditLog audit, Clock clock, Function<String, Optional<RigKind>> kinds,
                Duration heartbeatTimeout, RigLinks links) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
        this.kinds = kinds;
        this.heartbeatTimeout = heartbeatTimeout;
        this.links = links;
    }

    public record NewRig(String rigId, String profileId, String workshop, String station,
                         String calibrationCertificate, String calibrationDue) {
    }

    /** Fields left null are not changed. */
    public record RigChange(String profileId, String workshop, String station, String calibrationCertificate,
                            String calibrationDue, Boolean active) {
    }

    /** The password is shown once, here; only its hash is stored. */
    public record Credentials(RigView rig, String mqttUsername, String mqttPassword, String note) {
    }

    /** The audited snapshot of a registry row (never the password hash). */
    record Snapshot(String rigId, String profileId, String workshop, String station, String calibrationCertificate,
                    String calibrationDue, boolean active) {
        static Snapshot of(RigDao.RigRow row) {
            return new Snapshot(row.rigId(), row.profileId(), row.workshop(), row.station(), row.calibrationCert(),
                    row.calibrationDue(), row.active());
        }
    }

    public Credentials register(NewRig request, Actor actor) {
        if (request == null) {
            throw new InvalidInput("body", "A rig to register is required");
        }
        RigId id = RigId.of(request.rigId());
        requireKind(request.profileId());
        String workshop = InvalidInput.requireText("workshop", request.workshop(), 100);
        String station = InvalidInput.requireText("station", request.station(), 100);
        String cert = optionalText("calibrationCertificate", request.calibrationCertificate());
        String due = optionalDate(request.calibrationDue());
        String password = newPassword();
        String hash = Passwords.hash(password);
        RigView view = db.inTransaction(h -> {
            RigDao dao = h.attach(RigDao.class);
            if (dao.find(id.value()).isPresent()) {
                throw new Conflict("rig_exists", "A rig with id '" + id + "' is already registered");
            }
            Instant now = clock.instant();
            dao.insert(id.value(), request.profileId(), workshop, station, cert, due, hash, true, now, now);
            dao.insertActivity(id.value());
            RigDao.RigRow row = dao.find(id.value()).orElseThrow();
            audit.record(h, actor, "rig.registered", "rig", id.value(), null, Snapshot.of(row));
            return view(dao, row);
        });
        return new Credentials(view, id.value(), password,
                "Store this password in the rig (or its gateway) now: Tavan keeps only a hash and cannot show it again.");
    }

    public RigView change(String rigId, RigChange change, Actor actor) {
        if (change == null) {
            throw new InvalidInput("body", "A change is required");
        }
        if (change.profileId() != null) {
            requireKind(change.profileId());
        }
        String workshop = change.workshop() == null ? null : InvalidInput.requireText("workshop", change.workshop(), 100);
        String station = change.station() == null ? null : InvalidInput.requireText("station", change.station(), 100);
        String cert = change.calibrationCertificate() == null ? null
                : optionalText("calibrationCertificate", change.calibrationCertificate());
        String due = change.calibrationDue() == null ? null : optionalDate(change.calibrationDue());
        RigView changed = db.inTransaction(h -> {
            RigDao dao = h.attach(RigDao.class);
            RigDao.RigRow row = dao.find(rigId).orElseThrow(() -> new NotFound("Rig", rigId));
            dao.update(rigId,
                    change.profileId() == null ? row.profileId() : change.profileId(),
                    workshop == null ? row.workshop() : workshop,
                    station == null ? row.station() : station,
                    change.calibrationCertificate() == null ? row.calibrationCert() : cert,
                    change.calibrationDue() == null ? row.calibrationDue() : due,
                    change.active() == null ? row.active() : change.active(),
                    clock.instant());
            RigDao.RigRow after = dao.find(rigId).orElseThrow();
            audit.record(h, actor, "rig.changed", "rig", rigId, Snapshot.of(row), Snapshot.of(after));
            return view(dao, after);
        });
        if (Boolean.FALSE.equals(change.active())) {
            signInWithdrawn(rigId);
        }
        return changed;
    }

    /** A new password replaces the old one at once: the rig must be given the new one. */
    public Credentials rotateCredentials(String rigId, Actor actor) {
        String password = newPassword();
        String hash = Passwords.hash(password);
        RigView view = db.inTransaction(h -> {
            RigDao dao = h.attach(RigDao.class);
            RigDao.RigRow row = dao.find(rigId).orElseThrow(() -> new NotFound("Rig", rigId));
            dao.setPasswordHash(rigId, hash, clock.instant());
            audit.record(h, actor, "rig.credentials_rotated", "rig", rigId, null, Snapshot.of(row));
            return view(dao, dao.find(rigId).orElseThrow());
        });
        signInWithdrawn(rigId);
        return new Credentials(view, rigId, password,
                "The previous password no longer works. Store this one in the rig now; it is not shown again.");
    }

    /**
     * {@code listener} is told the rig id, after the commit, whenever a rig's sign-in stops
     * being valid (its password rotated, the rig retired), so that a broker can drop the
     * connection that signed in with it instead of letting it publish until it reconnects.
     */
    public void whenSignInWithdrawn(Consumer<String> listener) {
        withdrawnListeners.add(listener);
    }

    private void signInWithdrawn(String rigId) {
        for (Consumer<String> listener : withdrawnListeners) {
            try {
                listener.accept(rigId);
            } catch (RuntimeException e) {
                log.warn("Could not drop the connection of rig {} after its sign-in was withdrawn: {}", rigId, e.toString());
            }
        }
    }

    public RigView get(String rigId) {
        return db.read(h -> {
            RigDao dao = h.attach(RigDao.class);
            return view(dao, dao.find(rigId).orElseThrow(() -> new NotFound("Rig", rigId)));
        });
    }

    public List<RigView> list() {
        return db.read(h -> {
            RigDao dao = h.attach(RigDao.class);
            return views(dao, dao.all(), null);
        });
    }

    /** A registered rig as other features need it: its kind (profile id) and calibration. */
    public record Registration(String rigId, String profileId, String calibrationDue, String calibrationCertificate) {
    }

    /** The rig if it is registered and active (in the caller's transaction, when there is one). */
    public Optional<Registration> active(RigId rigId) {
        return db.read(h -> h.attach(RigDao.class).find(rigId.value())).filter(RigDao.RigRow::active)
                .map(r -> new Registration(r.rigId(), r.profileId(), r.calibrationDue(), r.calibrationCert()));
    }

    /** How long an MQTT rig stays "online" after its last frame (rigs.heartbeat.seconds). */
    public Duration heartbeatTimeout() {
        return heartbeatTimeout;
    }

    /** The registered profile of an active rig; empty for an unknown or retired rig. */
    public Optional<String> activeProfileOf(String rigId) {
        return db.read(h -> h.attach(RigDao.class).find(rigId)).filter(RigDao.RigRow::active)
                .map(RigDao.RigRow::profileId);
    }

    /** For the broker: the rig's user name and password, checked against the stored hash. */
    public boolean authenticate(String username, byte[] password) {
        if (!RigId.isValid(username) || password == null) {
            return false;
        }
        Optional<RigDao.RigRow> row = db.read(h -> h.attach(RigDao.class).find(username));
        if (row.isEmpty() || !row.get().active()) {
            return false;
        }
        String stored = row.get().mqttPasswordHash();
        byte[] digest = sha256(password);
        Verified last = verified.get(username);
        if (last != null && last.storedHash().equals(stored) && java.security.MessageDigest.isEqual(last.digest(), digest)) {
            return true;
        }
        boolean ok = Passwords.matches(new String(password, StandardCharsets.UTF_8), stored);
        if (ok) {
            verified.put(username, new Verified(stored, digest));
        }
        return ok;
    }

    // The embedded broker asks again each time its authorisation cache expires (every 10 s per
    // rig and topic), so a rotated password is refused on open connections too; an Argon2
    // verification each time would cost most of a core at a few hundred rigs. The last pair
    // verified is remembered: a rotation changes the stored hash and a retirement the active
    // flag, both read on every call, so nothing stale is ever accepted.
    private final java.util.Map<String, Verified> verified = new java.util.concurrent.ConcurrentHashMap<>();

    private record Verified(String storedHash, byte[] digest) {
    }

    private static byte[] sha256(byte[] password) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(password);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private RigView view(RigDao dao, RigDao.RigRow row) {
        return views(dao, List.of(row), row.rigId()).get(0);
    }

    /**
     * Registry rows with what ingest counted: five queries for the whole list (each over every
     * rig when {@code onlyRig} is null), not four more per rig.
     */
    private List<RigView> views(RigDao dao, List<RigDao.RigRow> rows, String onlyRig) {
        Map<String, RigDao.ActivityRow> activities = new HashMap<>();
        dao.activity(onlyRig).forEach(a -> activities.put(a.rigId(), a));
        Map<String, Map<String, Long>> reasons = new HashMap<>();
        dao.reasonCounts(onlyRig).forEach(r ->
                reasons.computeIfAbsent(r.rigId(), k -> new LinkedHashMap<>()).put(r.reason(), r.frames()));
        Map<String, List<RigView.Rejection>> rejections = new HashMap<>();
        dao.rejections(onlyRig, SHOWN_REJECTIONS).forEach(r -> rejections.computeIfAbsent(r.rigId(), k -> new ArrayList<>())
                .add(new RigView.Rejection(r.at(), r.reason(), r.message())));
        Map<String, List<RigDao.GapRow>> gaps = new HashMap<>();
        dao.gaps(onlyRig, SHOWN_GAPS).forEach(g -> gaps.computeIfAbsent(g.rigId(), k -> new ArrayList<>()).add(g));
        Map<String, RigDao.GatewayRow> gateways = new HashMap<>();
        dao.gateways(onlyRig).forEach(g -> gateways.put(g.rigId(), g));
        Instant now = clock.instant();
        List<RigView> views = new ArrayList<>(rows.size());
        for (RigDao.RigRow row : rows) {
            String id = row.rigId();
            RigDao.ActivityRow activity = activities.getOrDefault(id, new RigDao.ActivityRow(id, null, 0, 0, 0, 0));
            List<RigDao.GapRow> latest = gaps.getOrDefault(id, List.of());
            RigView.SequenceGaps gapView = new RigView.SequenceGaps(activity.missingReadings(),
                    latest.isEmpty() ? 0 : latest.get(0).openRanges(), latest.isEmpty() ? null : latest.get(0).since(),
                    latest.stream().map(g -> new RigView.Gap(g.firstSeq(), g.lastSeq(), g.detectedAt())).toList());
            Optional<RigKind> kind = kinds.apply(row.profileId());
            String transport = kind.map(k -> k.transport().name().toLowerCase()).orElse("unknown");
            RigView.Gateway gateway = Optional.ofNullable(gateways.get(id)).map(g -> new RigView.Gateway(g.seenAt(),
                    !g.upUntil().isBefore(now), g.portOpen(), g.framesRead())).orElse(null);
            views.add(new RigView(id, row.profileId(), transport, row.workshop(), row.station(), row.calibrationCert(),
                    row.calibrationDue(), row.active(), status(id, activity.lastSeen(), gateway, now), activity.lastSeen(),
                    activity.framesAccepted(), activity.framesRejected(), activity.duplicates(),
                    reasons.getOrDefault(id, new LinkedHashMap<>()), List.copyOf(rejections.getOrDefault(id, List.of())),
                    gapView, gateway, row.createdAt(), row.updatedAt()));
        }
        return views;
    }

    /**
     * A serial rig on this instance: online exactly while its port is open. Otherwise online while
     * its last frame is recent; stalled when it is not but the rig's gateway, still sending its
     * heartbeat, says the port is open (the rig went quiet, not the link); else offline.
     */
    private String status(String rigId, Instant lastSeen, RigView.Gateway gateway, Instant now) {
        Optional<Boolean> port = links.isOpen(rigId);
        if (port.isPresent()) {
            return port.get() ? "online" : "offline";
        }
        if (lastSeen != null && !lastSeen.plus(heartbeatTimeout).isBefore(now)) {
            return "online";
        }
        return gateway != null && gateway.up() && gateway.portOpen() ? "stalled" : "offline";
    }

    /**
     * The heartbeat of the gateway that bridges this rig; false (nothing stored) for a rig that is
     * not registered. {@code upUntil}: when the gateway counts as gone if no heartbeat follows.
     */
    public boolean recordGateway(String rigId, Instant seenAt, Instant upUntil, boolean portOpen, long framesRead) {
        return db.inTransaction(h -> {
            RigDao dao = h.attach(RigDao.class);
            if (dao.find(rigId).isEmpty()) {
                return false;
            }
            dao.recordGateway(rigId, seenAt, upUntil, portOpen, framesRead);
            return true;
        });
    }

    private void requireKind(String profileId) {
        if (profileId == null || profileId.isBlank()) {
            throw new InvalidInput("profileId", "The rig's kind (firmware profile id) is required");
        }
        if (kinds.apply(profileId).isEmpty()) {
            throw new InvalidInput("profileId", "No firmware profile '" + profileId + "' is loaded");
        }
    }

    private static String optionalText(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.strip().length() > 100) {
            throw new InvalidInput(field, field + " must have at most 100 characters");
        }
        return value.strip();
    }

    private static String optionalDate(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip()).toString();
        } catch (DateTimeParseException e) {
            throw new InvalidInput("calibrationDue", "Calibration due date must be an ISO date like 2026-03-20");
        }
    }

    private String newPassword() {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
