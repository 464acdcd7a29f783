package org.tavan.allocation;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jdbi.v3.core.Handle;
import org.tavan.Json;
import org.tavan.audit.Actor;
import org.tavan.audit.AuditLog;
import org.tavan.errors.Conflict;
import org.tavan.errors.InvalidInput;
import org.tavan.errors.NotFound;
import org.tavan.storage.Database;

/**
 * The narrow port between allocation/distribution and stock: available released units with
 * their variant specifications and province; reserve, issue, return. Interim: backed by the
 * allocation_units table until the inventory ledger is merged, then these methods call the
 * inventory Stock service (same signatures, same transaction handle).
 */
public final class ReleasedUnits {

    public static final String AVAILABLE = "available";
    public static final String RESERVED = "reserved";
    public static final String ISSUED = "issued";
    public static final String IN_REPAIR = "in_repair";

    private static final ObjectMapper JSON = Json.mapper();

    public record NewUnit(String serial, String variantId, String deviceClass, Map<String, String> specs,
                          String province) {
    }

    public record UnitView(String serial, String variantId, String deviceClass, Map<String, String> specs,
                           String province, String status, String reservedFor) {
    }

    private final Database db;
    private final AuditLog audit;
    private final Clock clock;

    public ReleasedUnits(Database db, AuditLog audit, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
    }

    /** Records a released unit as available stock (interim: inventory's release does this once merged). */
    public UnitView add(NewUnit unit, Actor actor) {
        if (unit.serial() == null || !unit.serial().matches("[A-Za-z0-9._-]{1,40}")) {
            throw new InvalidInput("serial", "Serial must be 1-40 letters, digits, . _ -");
        }
        if (unit.deviceClass() == null || !unit.deviceClass().matches("[0-9]{2}\\.[0-9]{2}(\\.[0-9]{2})?")) {
            throw new InvalidInput("deviceClass", "Device class must be an ISO 9999 code like 12.22");
        }
        if (unit.variantId() == null || unit.variantId().isBlank() || unit.specs() == null) {
            throw new InvalidInput("variantId", "Variant id and specs are required");
        }
        if (unit.province() == null || !unit.province().matches("(0[1-9]|[12][0-9]|3[01])")) {
            throw new InvalidInput("province", "Province must be a code 01..31");
        }
        return db.inTransaction(h -> {
            int n = h.createUpdate("""
                            INSERT INTO allocation_units (serial, variant_id, device_class, specs_json, province, status, updated_at)
                            VALUES (:serial, :variant, :cls, :specs, :province, 'available', :now)
                            ON CONFLICT DO NOTHING""")
                    .bind("serial", unit.serial()).bind("variant", unit.variantId()).bind("cls", unit.deviceClass())
                    .bind("specs", toJson(new TreeMap<>(unit.specs()))).bind("province", unit.province())
                    .bind("now", clock.instant()).execute();
            if (n == 0) {
                throw new Conflict("duplicate_serial", "Unit " + unit.serial() + " is already in stock");
            }
            UnitView view = get(h, unit.serial());
            audit.record(h, actor, "unit.released_to_stock", "unit", unit.serial(), null, view);
            return view;
        });
    }

    public List<AvailableUnit> available() {
        return db.read(h -> h.createQuery("""
                        SELECT serial, variant_id, device_class, specs_json, province FROM allocation_units
                         WHERE status = 'available' ORDER BY serial""")
                .map((rs, ctx) -> new AvailableUnit(rs.getString("serial"), rs.getString("variant_id"),
                        rs.getString("device_class"), fromJson(rs.getString("specs_json")), rs.getString("province")))
                .list());
    }

    public List<UnitView> all() {
        return db.read(h -> h.createQuery("SELECT * FROM allocation_units ORDER BY serial").map((rs, ctx) -> view(rs)).list());
    }

    public UnitView get(Handle h, String serial) {
        return h.createQuery("SELECT * FROM allocation_units WHERE serial = :s").bind("s", serial)
                .map((rs, ctx) -> view(rs)).findOne().orElseThrow(() -> new NotFound("Unit", serial));
    }

    public void reserve(Handle h, String serial, String reservedFor, Actor actor) {
        move(h, serial, AVAILABLE, RESERVED, reservedFor, actor, "unit.reserved");
    }

    public void issue(Handle h, String serial, Actor actor) {
        move(h, serial, RESERVED, ISSUED, null, actor, "unit.issued");
    }

    /** A returned unit goes to repair; {@link #repaired} puts it back in stock. */
    public void returned(Handle h, String serial, Actor actor) {
        move(h, serial, ISSUED, IN_REPAIR, null, actor, "unit.returned");
    }

    public void repaired(Handle h, String serial, Actor actor) {
        move(h, serial, IN_REPAIR, AVAILABLE, null, actor, "unit.repaired");
    }

    private void move(Handle h, String serial, String from, String to, String reservedFor, Actor actor, String action) {
        UnitView before = get(h, serial);
        int n = h.createUpdate("""
                        UPDATE allocation_units SET status = :to, reserved_for = :rf, updated_at = :now
                         WHERE serial = :s AND status = :from""")
                .bind("to", to).bind("rf", reservedFor).bind("now", clock.instant()).bind("s", serial)
                .bind("from", from).execute();
        if (n == 0) {
            throw new Conflict("unit_not_" + from, "Unit " + serial + " is " + before.status() + ", not " + from);
        }
        audit.record(h, actor, action, "unit", serial, Map.of("status", from), Map.of("status", to));
    }

    private static UnitView view(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new UnitView(rs.getString("serial"), rs.getString("variant_id"), rs.getString("device_class"),
                fromJson(rs.getString("specs_json")), rs.getString("province"), rs.getString("status"),
                rs.getString("reserved_for"));
    }

    static String toJson(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static Map<String, String> fromJson(String s) {
        try {
            return JSON.readValue(s, new TypeReference<TreeMap<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
