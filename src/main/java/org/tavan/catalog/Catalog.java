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
    private static final Pattern CODE = PlanRules.CODE;
    private static final Pattern NAME = PlanRules.NAME;
    private static final Set<String> CLASSES = Set.of("manual_wheelchair", "walker", "crutch", "prosthesis",
            "orthosis", "hearing_aid", "cushion");

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
            CatalogDao dao = h.attach(CatalogDao.class);
            if (dao.model(request.code()).isPresent()) {
                throw new Conflict("model_exists", "A device model with code '" + request.code() + "' already exists");
            }
            boolean who = Boolean.TRUE.equals(request.whoPriority());
            long id = dao.insertModel(request.code(), name, nameFa, request.deviceClass(), iso, who, clock.instant());
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
            CatalogDao dao = h.attach(CatalogDao.class);
            if (dao.variant(request.code()).isPresent()) {
                throw new Conflict("variant_exists", "A variant with code '" + request.code() + "' already exists");
            }
            stock.createItem(new Stock.NewItem(request.code(), model.name() + " " + name, StockItem.FINISHED, "piece", 0L), actor);
            long id = dao.insertVariant(model.id(), request.code(), name, write(specs), clock.instant());
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
                StockItem item = stock.findItem(line.sku())
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
            CatalogDao dao = h.attach(CatalogDao.class);
            dao.deleteBom(variant.id());
            for (BomLine line : lines) {
                dao.insertBomLine(variant.id(), line.sku(), line.quantity());
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
                if (step.testPlanCode() != null && findLatestPlan(step.testPlanCode()).isEmpty()) {
                    throw new InvalidInput("steps.testPlanCode", "No test plan '" + step.testPlanCode() + "'");
                }
                out.add(new RoutingStep(out.size() + 1, station, step.testPlanCode()));
            }
            CatalogDao dao = h.attach(CatalogDao.class);
            for (RoutingStep step : out) {
                dao.insertStep(model.id(), step.seq(), step.station(), step.testPlanCode());
            }
            audit.record(h, actor, "catalog.routing_set", "device_model", modelCode, null, out);
            return out;
        });
    }

    // ---------------------------------------------------------------- test plans

    /** Saves a plan: version 1 if the code is new, otherwise the next version. */
    public TestPlan savePlan(String code, TestPlan.Definition definition, Actor actor) {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new InvalidInput("code", "Plan code must be 1-40 letters, digits, '.', '_' or '-'");
        }
        TestPlan.Definition clean = PlanRules.validate(definition);
        return db.inTransaction(h -> {
            CatalogDao dao = h.attach(CatalogDao.class);
            Optional<TestPlan> previous = dao.latestPlan(code).map(this::plan);
            int version = previous.map(p -> p.version() + 1).orElse(1);
            long id = dao.insertPlan(code, version, clean.name(), write(clean), clock.instant(), actor.name());
            TestPlan plan = plan(dao.plan(id).orElseThrow());
            audit.record(h, actor, previous.isPresent() ? "catalog.plan_revised" : "catalog.plan_created", "test_plan",
                    code, previous.map(p -> Map.of("version", p.version())).orElse(null), Map.of("version", version, "id", id));
            return plan;
        });
    }

    public Optional<TestPlan> findLatestPlan(String code) {
        return db.read(h -> h.attach(CatalogDao.class).latestPlan(code)).map(this::plan);
    }

    public TestPlan latestPlan(String code) {
        return findLatestPlan(code).orElseThrow(() -> new NotFound("Test plan", code));
    }

    public TestPlan plan(long id) {
        return db.read(h -> h.attach(CatalogDao.class).plan(id)).map(this::plan)
                .orElseThrow(() -> new NotFound("Test plan version", id));
    }

    public List<TestPlan> planVersions(String code) {
        return db.read(h -> h.attach(CatalogDao.class).planVersions(code)).stream().map(this::plan).toList();
    }

    public List<TestPlan> latestPlans() {
        return db.read(h -> h.attach(CatalogDao.class).latestPlans()).stream().map(this::plan).toList();
    }

    private TestPlan plan(CatalogDao.PlanRow row) {
        TestPlan.Definition d = read(row.definitionJson(), new TypeReference<>() { });
        return new TestPlan(row.id(), row.code(), row.version(), d.name(), d.rigKinds(), d.measurements(), d.checklist(),
                d.longRun(), d.source(), row.createdAt(), row.createdBy());
    }

    // ---------------------------------------------------------------- reads

    public DeviceModel model(String code) {
        return db.read(h -> h.attach(CatalogDao.class).model(code)).orElseThrow(() -> new NotFound("Device model", code));
    }

    public List<DeviceModel> models() {
        return db.read(h -> h.attach(CatalogDao.class).models());
    }

    public Variant variant(String code) {
        return findVariant(code).orElseThrow(() -> new NotFound("Variant", code));
    }

    public Optional<Variant> findVariant(String code) {
        return db.read(h -> h.attach(CatalogDao.class).variant(code)).map(this::variant);
    }

    /** The variant whose finished stock item is {@code sku}, if any. */
    public Optional<Variant> findVariantBySku(String sku) {
        return db.read(h -> h.attach(CatalogDao.class).variantBySku(sku)).map(this::variant);
    }

    public List<Variant> variants(String modelCode) {
        return db.read(h -> h.attach(CatalogDao.class).variants(modelCode)).stream().map(this::variant).toList();
    }

    public List<BomLine> bom(String variantCode) {
        variant(variantCode);
        return db.read(h -> h.attach(CatalogDao.class).bom(variantCode));
    }

    public List<RoutingStep> routing(String modelCode) {
        model(modelCode);
        return db.read(h -> h.attach(CatalogDao.class).routing(modelCode));
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
        if (doc == null) {
            throw new InvalidInput("body", "Send a catalogue document");
        }
        return db.inTransaction(h -> imported(doc, actor));
    }

    /** Each step is a use case of its own, joining the import's transaction. */
    private ImportResult imported(CatalogDocument doc, Actor actor) {
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
            savePlan(plan.getKey(), plan.getValue(), actor);
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

    private Variant variant(CatalogDao.VariantRow row) {
        return new Variant(row.id(), row.modelCode(), row.code(), row.name(),
                read(row.specsJson(), new TypeReference<Map<String, Object>>() { }), row.sku());
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
        return PlanRules.text(field, value);
    }
}
