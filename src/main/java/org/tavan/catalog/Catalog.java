package org.tavan.catalog;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jdbi.v3.core.Handle;
import org.tavan.audit.Actor;
import org.tavan.audit.AuditLog;
import org.tavan.errors.Conflict;
import org.tavan.errors.InvalidInput;
import org.tavan.errors.NotFound;
import org.tavan.inventory.Stock;
import org.tavan.inventory.StockItem;
import org.tavan.storage.Database;

/**
 * Device models, their size variants, bills of materials, routings and versioned test plans.
 * Each variant gets a finished stock item (its SKU is the variant code) so released units can
 * be counted in stock.
 */
public final class Catalog {

    private static final Pattern MODEL_CODE = Pattern.compile("[A-Z0-9]{2,6}");
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,39}");
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,59}");
    private static final Set<String> CLASSES = Set.of("manual_wheelchair", "walker", "crutch", "prosthesis",
            "orthosis", "hearing_aid", "cushion");
    private static final Set<String> AGGREGATES = Set.of("max", "min", "mean", "last");

    private final Database db;
    private final Stock stock;
    private final AuditLog audit;
    private final ObjectMapper json;
    private final Clock clock;

    public Catalog(Database db, Stock stock, AuditLog audit, ObjectMapper json, Clock clock) {
        this.db = db;
        this.stock = stock;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    public record NewModel(String code, String name, String nameFa, String deviceClass, String iso9999,
                           Boolean whoPriority) {
    }

    public record NewVariant(String code, String name, Map<String, Object> specs, List<BomLine> bom) {
    }

    public record NewStep(String station, String testPlanCode) {
    }

    // ---------------------------------------------------------------- models and variants

    public DeviceModel createModel(NewModel request, Actor actor) {
        return db.inTransaction(h -> {
            if (request.code() == null || !MODEL_CODE.matcher(request.code()).matches()) {
                throw new InvalidInput("code", "Model code must be 2-6 capital letters or digits (it is part of every serial number)");
            }
            String name = text("name", request.name());
            String nameFa = text("nameFa", request.nameFa());
            if (!CLASSES.contains(request.deviceClass())) {
                throw new InvalidInput("deviceClass", "Device class must be one of " + CLASSES.stream().sorted().toList());
            }
            String iso = new Iso9999Code(request.iso9999()).value();
            if (findModel(h, request.code()).isPresent()) {
                throw new Conflict("model_exists", "A device model with code '" + request.code() + "' already exists");
            }
            boolean who = Boolean.TRUE.equals(request.whoPriority());
            long id = h.createUpdate("""
                            INSERT INTO device_models (code, name, name_fa, device_class, iso9999, who_priority, created_at)
                            VALUES (:code, :name, :nameFa, :cls, :iso, :who, :now)""")
                    .bind("code", request.code()).bind("name", name).bind("nameFa", nameFa)
                    .bind("cls", request.deviceClass()).bind("iso", iso).bind("who", who).bind("now", clock.instant())
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            DeviceModel model = new DeviceModel(id, request.code(), name, nameFa, request.deviceClass(), iso, who);
            audit.record(h, actor, "catalog.model_created", "device_model", model.code(), null, model);
            return model;
        });
    }

    public Variant addVariant(String modelCode, NewVariant request, Actor actor) {
        return db.inTransaction(h -> {
            DeviceModel model = model(modelCode);
            if (request.code() == null || !CODE.matcher(request.code()).matches()) {
                throw new InvalidInput("code", "Variant code must be 1-40 letters, digits, '.', '_' or '-'");
            }
            String name = text("name", request.name());
            Map<String, Object> specs = SpecKey.validate(request.specs());
            if (findVariant(h, request.code()).isPresent()) {
                throw new Conflict("variant_exists", "A variant with code '" + request.code() + "' already exists");
            }
            stock.createItem(new Stock.NewItem(request.code(), model.name() + " " + name, StockItem.FINISHED, "piece", 0L), actor);
            long id = h.createUpdate("""
                            INSERT INTO device_variants (model_id, code, name, specs_json, sku, created_at)
                            VALUES (:model, :code, :name, :specs, :code, :now)""")
                    .bind("model", model.id()).bind("code", request.code()).bind("name", name)
                    .bind("specs", write(specs)).bind("now", clock.instant())
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            Variant variant = new Variant(id, modelCode, request.code(), name, specs, request.code());
            audit.record(h, actor, "catalog.variant_created", "device_variant", variant.code(), null, variant);
            if (request.bom() != null) {
                setBom(variant.code(), request.bom(), actor);
            }
            return variant;
        });
    }

    public List<BomLine> setBom(String variantCode, List<BomLine> lines, Actor actor) {
        return db.inTransaction(h -> {
            Variant variant = variant(variantCode);
            Set<String> seen = new HashSet<>();
            for (BomLine line : lines) {
                StockItem item = stock.findItem(h, line.sku())
                        .orElseThrow(() -> new InvalidInput("bom", "No component '" + line.sku() + "' in stock items"));
                if (!item.kind().equals(StockItem.COMPONENT)) {
                    throw new InvalidInput("bom", line.sku() + " is not a component");
                }
                if (line.quantity() <= 0) {
                    throw new InvalidInput("bom", "Quantity of " + line.sku() + " must be positive");
                }
                if (!seen.add(line.sku())) {
                    throw new InvalidInput("bom", line.sku() + " appears twice");
                }
            }
            List<BomLine> before = bom(variantCode);
            h.createUpdate("DELETE FROM bom_lines WHERE variant_id = :id").bind("id", variant.id()).execute();
            for (BomLine line : lines) {
                h.createUpdate("INSERT INTO bom_lines (variant_id, component_sku, quantity) VALUES (:v, :sku, :q)")
                        .bind("v", variant.id()).bind("sku", line.sku()).bind("q", line.quantity()).execute();
            }
            audit.record(h, actor, "catalog.bom_set", "device_variant", variantCode, before, lines);
            return List.copyOf(lines);
        });
    }

    /**
     * Sets a model's routing once. Units in production keep a step number into this list, so a
     * routing is not changed under them: a changed process is a new model code.
     */
    public List<RoutingStep> setRouting(String modelCode, List<NewStep> steps, Actor actor) {
        return db.inTransaction(h -> {
            DeviceModel model = model(modelCode);
            if (steps == null || steps.isEmpty()) {
                throw new InvalidInput("steps", "A routing needs at least one station");
            }
            if (!routing(modelCode).isEmpty()) {
                throw new Conflict("routing_exists", "Model " + modelCode + " already has a routing; units follow it by step number");
            }
            List<RoutingStep> out = new ArrayList<>();
            Set<String> stations = new HashSet<>();
            for (NewStep step : steps) {
                String station = step.station();
                if (station == null || !NAME.matcher(station).matches()) {
                    throw new InvalidInput("steps.station", "Station names are lower-case words with '_', e.g. welding");
                }
                if (!stations.add(station)) {
                    throw new InvalidInput("steps.station", "Station " + station + " appears twice");
                }
                if (step.testPlanCode() != null && latestPlan(h, step.testPlanCode()).isEmpty()) {
                    throw new InvalidInput("steps.testPlanCode", "No test plan '" + step.testPlanCode() + "'");
                }
                out.add(new RoutingStep(out.size() + 1, station, step.testPlanCode()));
            }
            for (RoutingStep step : out) {
                h.createUpdate("INSERT INTO routing_steps (model_id, seq, station, test_plan_code) VALUES (:m, :seq, :st, :plan)")
                        .bind("m", model.id()).bind("seq", step.seq()).bind("st", step.station())
                        .bind("plan", step.testPlanCode()).execute();
            }
            audit.record(h, actor, "catalog.routing_set", "device_model", modelCode, null, out);
            return out;
        });
    }

    // ---------------------------------------------------------------- test plans

    /** Saves a plan: version 1 if the code is new, otherwise the next version. */
    public TestPlan savePlan(Handle h, String code, TestPlan.Definition definition, Actor actor) {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new InvalidInput("code", "Plan code must be 1-40 letters, digits, '.', '_' or '-'");
        }
        TestPlan.Definition clean = validate(definition);
        Optional<TestPlan> previous = latestPlan(h, code);
        int version = previous.map(p -> p.version() + 1).orElse(1);
        long id = h.createUpdate("""
                        INSERT INTO test_plans (code, version, name, definition_json, created_at, created_by)
                        VALUES (:code, :version, :name, :def, :now, :by)""")
                .bind("code", code).bind("version", version).bind("name", clean.name()).bind("def", write(clean))
                .bind("now", clock.instant()).bind("by", actor.name())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        TestPlan plan = plan(h, id);
        audit.record(h, actor, previous.isPresent() ? "catalog.plan_revised" : "catalog.plan_created", "test_plan",
                code, previous.map(p -> Map.of("version", p.version())).orElse(null), Map.of("version", version, "id", id));
        return plan;
    }

    public TestPlan savePlan(String code, TestPlan.Definition definition, Actor actor) {
        return db.inTransaction(h -> savePlan(h, code, definition, actor));
    }

    private TestPlan.Definition validate(TestPlan.Definition d) {
        if (d == null) {
            throw new InvalidInput("body", "Send the plan definition");
        }
        String name = text("name", d.name());
        List<String> rigKinds = d.rigKinds() == null ? List.of() : List.copyOf(d.rigKinds());
        for (String kind : rigKinds) {
            if (kind == null || !CODE.matcher(kind).matches()) {
                throw new InvalidInput("rigKinds", "Rig kinds are profile ids: letters, digits, '.', '_' or '-'");
            }
        }
        List<TestPlan.MeasurementLimit> measurements = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (TestPlan.MeasurementLimit m : d.measurements() == null ? List.<TestPlan.MeasurementLimit>of() : d.measurements()) {
            String field = "measurements." + m.name();
            if (m.name() == null || !NAME.matcher(m.name()).matches()) {
                throw new InvalidInput("measurements.name", "Measurement names are lower-case words with '_', got '" + m.name() + "'");
            }
            if (!names.add(m.name())) {
                throw new InvalidInput(field, "Measurement " + m.name() + " appears twice");
            }
            text(field + ".unit", m.unit());
            String aggregate = m.aggregate() == null ? "last" : m.aggregate();
            if (!AGGREGATES.contains(aggregate)) {
                throw new InvalidInput(field + ".aggregate", "aggregate must be max, min, mean or last");
            }
            if (m.lower() == null && m.upper() == null) {
                throw new InvalidInput(field, "A measurement needs a lower limit, an upper limit or both");
            }
            if (m.lower() != null && m.upper() != null && m.lower() > m.upper()) {
                throw new InvalidInput(field, "Lower limit " + m.lower() + " is above upper limit " + m.upper());
            }
            String mode = null;
            if (m.relativeTo() != null) {
                SpecKey key = SpecKey.of(m.relativeTo());
                if (key.unit() == null) {
                    throw new InvalidInput(field + ".relativeTo", m.relativeTo() + " is not a numeric datasheet value");
                }
                mode = m.relativeMode() == null ? "offset" : m.relativeMode();
                if (!mode.equals("offset") && !mode.equals("percent")) {
                    throw new InvalidInput(field + ".relativeMode", "relativeMode must be offset or percent");
                }
            } else if (m.relativeMode() != null) {
                throw new InvalidInput(field + ".relativeMode", "relativeMode needs relativeTo");
            }
            if (m.marginal() != null && m.marginal() < 0) {
                throw new InvalidInput(field + ".marginal", "The marginal band cannot be negative");
            }
            String standard = text(field + ".standard", m.standard());
            measurements.add(new TestPlan.MeasurementLimit(m.name(), m.unit(), aggregate, m.lower(), m.upper(),
                    m.relativeTo(), mode, m.marginal(), standard, m.clause(), !Boolean.FALSE.equals(m.required()),
                    Boolean.TRUE.equals(m.unverified())));
        }
        List<TestPlan.ChecklistItem> checklist = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (TestPlan.ChecklistItem c : d.checklist() == null ? List.<TestPlan.ChecklistItem>of() : d.checklist()) {
            if (c.key() == null || !NAME.matcher(c.key()).matches() || !keys.add(c.key())) {
                throw new InvalidInput("checklist.key", "Checklist keys are unique lower-case words with '_', got '" + c.key() + "'");
            }
            checklist.add(new TestPlan.ChecklistItem(c.key(), text("checklist." + c.key() + ".text", c.text()),
                    c.textFa(), !Boolean.FALSE.equals(c.required())));
        }
        TestPlan.LongRun run = d.longRun();
        if (run != null) {
            if (run.counter() == null || !NAME.matcher(run.counter()).matches()) {
                throw new InvalidInput("longRun.counter", "Name the measurement that carries the cycle count");
            }
            if (run.cycleTarget() <= 0) {
                throw new InvalidInput("longRun.cycleTarget", "The cycle target must be positive");
            }
            List<Double> points = run.checkpoints() == null ? List.of() : List.copyOf(run.checkpoints());
            for (Double p : points) {
                if (p == null || p <= 0 || p >= 1) {
                    throw new InvalidInput("longRun.checkpoints", "Checkpoints are fractions of the target between 0 and 1");
                }
            }
            if (run.checkpointTolerance() < 0 || run.checkpointTolerance() >= 0.5) {
                throw new InvalidInput("longRun.checkpointTolerance", "Tolerance is a fraction from 0 to 0.5");
            }
            if (run.maxReplacements() < 0) {
                throw new InvalidInput("longRun.maxReplacements", "maxReplacements cannot be negative");
            }
            run = new TestPlan.LongRun(run.counter(), run.cycleTarget(), points, run.checkpointTolerance(), run.maxReplacements());
        }
        if (measurements.isEmpty() && checklist.isEmpty() && run == null) {
            throw new InvalidInput("measurements", "A plan needs at least one measurement, checklist item or long run");
        }
        String source = text("source", d.source());
        return new TestPlan.Definition(name, rigKinds, measurements, checklist, run, source);
    }

    public Optional<TestPlan> latestPlan(Handle h, String code) {
        return h.createQuery("SELECT id FROM test_plans WHERE code = :code ORDER BY version DESC")
                .bind("code", code).mapTo(Long.class).findFirst().map(id -> plan(h, id));
    }

    public TestPlan latestPlan(String code) {
        return db.read(h -> latestPlan(h, code).orElseThrow(() -> new NotFound("Test plan", code)));
    }

    private static final String PLAN_SELECT = "SELECT id, code, version, definition_json, created_at, created_by FROM test_plans";

    public TestPlan plan(Handle h, long id) {
        return h.createQuery(PLAN_SELECT + " WHERE id = :id").bind("id", id).map((rs, ctx) -> plan(rs))
                .findOne().orElseThrow(() -> new NotFound("Test plan version", id));
    }

    public List<TestPlan> planVersions(String code) {
        return db.read(h -> h.createQuery(PLAN_SELECT + " WHERE code = :code ORDER BY version")
                .bind("code", code).map((rs, ctx) -> plan(rs)).list());
    }

    public List<TestPlan> latestPlans() {
        return db.read(h -> h.createQuery(PLAN_SELECT + " p WHERE p.version = (SELECT MAX(q.version) FROM test_plans q"
                + " WHERE q.code = p.code) ORDER BY p.code").map((rs, ctx) -> plan(rs)).list());
    }

    private TestPlan plan(java.sql.ResultSet rs) throws java.sql.SQLException {
        TestPlan.Definition d = read(rs.getString("definition_json"), new TypeReference<>() { });
        return new TestPlan(rs.getLong("id"), rs.getString("code"), rs.getInt("version"), d.name(), d.rigKinds(),
                d.measurements(), d.checklist(), d.longRun(), d.source(),
                java.time.Instant.ofEpochMilli(rs.getLong("created_at")), rs.getString("created_by"));
    }

    // ---------------------------------------------------------------- reads

    public DeviceModel model(String code) {
        return db.read(h -> findModel(h, code)).orElseThrow(() -> new NotFound("Device model", code));
    }


    public List<DeviceModel> models() {
        return db.read(h -> h.createQuery(MODEL_SELECT + " ORDER BY code").map((rs, ctx) -> model(rs)).list());
    }

    private Optional<DeviceModel> findModel(Handle h, String code) {
        return h.createQuery(MODEL_SELECT + " WHERE code = :code").bind("code", code).map((rs, ctx) -> model(rs)).findOne();
    }

    public Variant variant(String code) {
        return db.read(h -> findVariant(h, code)).orElseThrow(() -> new NotFound("Variant", code));
    }

    public Optional<Variant> findVariant(Handle h, String code) {
        return h.createQuery(VARIANT_SELECT + " WHERE v.code = :code").bind("code", code)
                .map((rs, ctx) -> variant(rs)).findOne();
    }

    /** The variant whose finished stock item is {@code sku}, if any. */
    public Optional<Variant> findVariantBySku(Handle h, String sku) {
        return h.createQuery(VARIANT_SELECT + " WHERE v.sku = :sku").bind("sku", sku)
                .map((rs, ctx) -> variant(rs)).findOne();
    }

    public List<Variant> variants(String modelCode) {
        return db.read(h -> h.createQuery(VARIANT_SELECT + " WHERE (CAST(:model AS TEXT) IS NULL OR m.code = :model) ORDER BY v.code")
                .bind("model", modelCode).map((rs, ctx) -> variant(rs)).list());
    }

    public List<BomLine> bom(String variantCode) {
        return db.read(h -> {
            variant(variantCode);
            return h.createQuery("""
                            SELECT b.component_sku, b.quantity FROM bom_lines b JOIN device_variants v ON v.id = b.variant_id
                             WHERE v.code = :code ORDER BY b.component_sku""")
                    .bind("code", variantCode).map((rs, ctx) -> new BomLine(rs.getString(1), rs.getLong(2))).list();
        });
    }

    public List<RoutingStep> routing(String modelCode) {
        return db.read(h -> {
            model(modelCode);
            return h.createQuery("""
                            SELECT r.seq, r.station, r.test_plan_code FROM routing_steps r JOIN device_models m ON m.id = r.model_id
                             WHERE m.code = :code ORDER BY r.seq""")
                    .bind("code", modelCode)
                    .map((rs, ctx) -> new RoutingStep(rs.getInt(1), rs.getString(2), rs.getString(3))).list();
        });
    }

    public Map<String, String> specificationKeys() {
        return SpecKey.describe();
    }

    // ---------------------------------------------------------------- import

    /** The import document (docs/production-and-quality.md, "Catalogue import"). */
    public record CatalogDocument(List<Stock.NewItem> components, Map<String, TestPlan.Definition> plans,
                                  List<ModelEntry> models) {
    }

    public record ModelEntry(String code, String name, String nameFa, String deviceClass, String iso9999,
                             Boolean whoPriority, List<NewVariant> variants, List<NewStep> routing) {
    }

    public record ImportResult(int components, int plans, int models, int variants) {
    }

    /** All or nothing: any bad entry or existing code rolls the whole document back. */
    public ImportResult importDocument(CatalogDocument doc, Actor actor) {
        return db.inTransaction(h -> importDocument(h, doc, actor));
    }

    public ImportResult importDocument(Handle h, CatalogDocument doc, Actor actor) {
        if (doc == null) {
            throw new InvalidInput("body", "Send a catalogue document");
        }
        int components = 0;
        int plans = 0;
        int models = 0;
        int variants = 0;
        for (Stock.NewItem item : doc.components() == null ? List.<Stock.NewItem>of() : doc.components()) {
            stock.createItem(new Stock.NewItem(item.sku(), item.name(), StockItem.COMPONENT, item.uom(), item.reorderLevel()), actor);
            components++;
        }
        for (Map.Entry<String, TestPlan.Definition> plan : (doc.plans() == null ? Map.<String, TestPlan.Definition>of()
                : new LinkedHashMap<>(doc.plans())).entrySet()) {
            savePlan(h, plan.getKey(), plan.getValue(), actor);
            plans++;
        }
        for (ModelEntry m : doc.models() == null ? List.<ModelEntry>of() : doc.models()) {
            createModel(new NewModel(m.code(), m.name(), m.nameFa(), m.deviceClass(), m.iso9999(), m.whoPriority()), actor);
            models++;
            for (NewVariant v : m.variants() == null ? List.<NewVariant>of() : m.variants()) {
                addVariant(m.code(), v, actor);
                variants++;
            }
            if (m.routing() != null) {
                setRouting(m.code(), m.routing(), actor);
            }
        }
        return new ImportResult(components, plans, models, variants);
    }

    // ---------------------------------------------------------------- internals

    private static final String MODEL_SELECT =
            "SELECT id, code, name, name_fa, device_class, iso9999, who_priority FROM device_models";
    private static final String VARIANT_SELECT = """
            SELECT v.id, m.code AS model_code, v.code, v.name, v.specs_json, v.sku
              FROM device_variants v JOIN device_models m ON m.id = v.model_id""";

    private static DeviceModel model(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new DeviceModel(rs.getLong("id"), rs.getString("code"), rs.getString("name"), rs.getString("name_fa"),
                rs.getString("device_class"), rs.getString("iso9999"), rs.getBoolean("who_priority"));
    }

    private Variant variant(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Variant(rs.getLong("id"), rs.getString("model_code"), rs.getString("code"), rs.getString("name"),
                read(rs.getString("specs_json"), new TypeReference<Map<String, Object>>() { }), rs.getString("sku"));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored catalogue JSON is unreadable: " + e.getOriginalMessage(), e);
        }
    }

    private static String text(String field, String value) {
        if (value == null || value.isBlank() || value.length() > 500) {
            throw new InvalidInput(field, field + " is required (at most 500 characters)");
        }
        return value.strip();
    }
}
