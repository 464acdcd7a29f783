package org.tavan.offline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jdbi.v3.core.Handle;
import org.tavan.audit.Actor;
import org.tavan.audit.AuditLog;
import org.tavan.errors.Conflict;
import org.tavan.errors.InvalidInput;
import org.tavan.errors.NotFound;
import org.tavan.storage.Database;

/**
 * Actions a tablet queued while its connection was down and sends later, each with the id the
 * tablet gave it when it was tapped. Each id is applied at most once: the first request claims
 * it in the transaction that applies it, and every later one (a resend after a lost answer, a
 * replay) gets the stored answer, byte for byte, and changes nothing. The action is checked
 * against the state it meets on arrival; one that no longer fits (another tablet moved the unit
 * on) is refused with its reason, is written to the audit log as refused, and changes nothing else.
 */
public final class QueuedActions {

    public static final String APPLIED = "applied";
    public static final String REFUSED = "refused";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{8,64}");
    /** A tablet's clock may be a little ahead; a tap further in the future is a wrong clock or a made-up time. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(10);

    private final Database db;
    private final AuditLog audit;
    private final ObjectMapper json;
    private final Clock clock;

    public QueuedActions(Database db, AuditLog audit, ObjectMapper json, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    /** What makes a tap one action: its id and when it was tapped (epoch milliseconds on the tablet). */
    public record Tap(String actionId, Long tappedAt) {

        Instant tappedInstant() {
            return Instant.ofEpochMilli(tappedAt);
        }
    }

    /**
     * The change one action makes: a feature's own use case, which joins the transaction that
     * claims the action id (JDBI reuses the thread's handle); returns what the answer shows.
     */
    @FunctionalInterface
    public interface Work {
        Object apply(Actor actor);
    }

    /** The stored answer: the HTTP status it goes with and its JSON body. */
    public record Answer(int status, String body) {
    }

    /**
     * Applies the action once. {@code kind} names what it does (floor.start, rig.bind, …) and
     * {@code entityType} and {@code subject} what it acts on (unit, a serial); kind and subject are kept with the id, so the same id sent
     * again for something else is refused instead of answered with another action's result.
     */
    public Answer apply(Tap tap, Actor actor, String kind, String entityType, String subject, Work work) {
        validate(tap);
        Instant now = clock.instant();
        return db.inTransaction(h -> {
            // Claimed first: a second request with this id waits here (PostgreSQL row lock, SQLite
            // write lock) until the first commits, then finds the row and returns its answer.
            int claimed = h.createUpdate("""
                            INSERT INTO queued_actions (action_id, username, kind, subject, tapped_at, received_at)
                            VALUES (:id, :user, :kind, :subject, :tapped, :now) ON CONFLICT (action_id) DO NOTHING""")
                    .bind("id", tap.actionId()).bind("user", actor.name()).bind("kind", kind).bind("subject", subject)
                    .bind("tapped", tap.tappedAt()).bind("now", now).execute();
            if (claimed == 0) {
                return stored(h, tap.actionId(), actor, kind, subject);
            }
            Actor tapper = actor.tapped(tap.tappedInstant());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("actionId", tap.actionId());
            String outcome;
            h.savepoint("queued_action");
            try {
                Object result = work.apply(tapper);
                h.releaseSavepoint("queued_action");
                outcome = APPLIED;
                body.put("outcome", outcome);
                body.put("result", result);
            } catch (Conflict | NotFound | InvalidInput e) {
                h.rollbackToSavepoint("queued_action");
                outcome = REFUSED;
                String code = e instanceof Conflict c ? c.reason()
                        : e instanceof InvalidInput i ? "missing_" + i.field() : "not_found";
                body.put("outcome", outcome);
                body.put("code", code);
                body.put("message", e.getMessage());
                audit.record(h, tapper, "action.refused", entityType, subject, null,
                        Map.of("actionId", tap.actionId(), "kind", kind, "code", code, "message", e.getMessage()));
            }
            String text = write(body);
            h.createUpdate("UPDATE queued_actions SET outcome = :outcome, answer_json = :answer WHERE action_id = :id")
                    .bind("outcome", outcome).bind("answer", text).bind("id", tap.actionId()).execute();
            return new Answer(status(outcome), text);
        });
    }

    private Answer stored(Handle h, String id, Actor actor, String kind, String subject) {
        Map<String, Object> row = h.createQuery("SELECT username, kind, subject, outcome, answer_json FROM queued_actions"
                + " WHERE action_id = :id").bind("id", id).mapToMap().one();
        if (!actor.name().equals(row.get("username")) || !kind.equals(row.get("kind")) || !subject.equals(row.get("subject"))) {
            throw new Conflict("action_id_reused", "Action " + id + " was already used for another action");
        }
        return new Answer(status((String) row.get("outcome")), (String) row.get("answer_json"));
    }

    private void validate(Tap tap) {
        if (tap == null || tap.actionId() == null || !ID.matcher(tap.actionId()).matches()) {
            throw new InvalidInput("actionId", "An action needs the id its tablet gave it: 8-64 letters, digits or hyphens");
        }
        if (tap.tappedAt() == null || tap.tappedAt() <= 0) {
            throw new InvalidInput("tappedAt", "Say when the action was tapped (epoch milliseconds)");
        }
        if (tap.tappedInstant().isAfter(clock.instant().plus(CLOCK_SKEW))) {
            throw new InvalidInput("tappedAt", "The tap time is in the future: check the tablet's clock");
        }
    }

    private static int status(String outcome) {
        return APPLIED.equals(outcome) ? 200 : 409;
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An action's answer is not serialisable", e);
        }
    }
}
