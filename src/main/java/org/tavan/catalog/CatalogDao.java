package org.tavan.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The catalogue's SQL. Specifications and plan definitions are JSON text here; {@link Catalog} reads them. */
@RegisterConstructorMapper(DeviceModel.class)
@RegisterConstructorMapper(BomLine.class)
@RegisterConstructorMapper(RoutingStep.class)
@RegisterConstructorMapper(CatalogDao.VariantRow.class)
@RegisterConstructorMapper(CatalogDao.PlanRow.class)
interface CatalogDao {

    record VariantRow(long id, String modelCode, String code, String name, String specsJson, String sku) {
    }

    record PlanRow(long id, String code, int version, String definitionJson, Instant createdAt, String createdBy) {
    }

    String MODEL = "SELECT id, code, name, name_fa, device_class, iso9999, who_priority FROM device_models";
    String VARIANT = """
            SELECT v.id, m.code AS model_code, v.code, v.name, v.specs_json, v.sku
              FROM device_variants v JOIN device_models m ON m.id = v.model_id""";
    String PLAN = "SELECT id, code, version, definition_json, created_at, created_by FROM test_plans";

    @SqlUpdate("""
            INSERT INTO device_models (code, name, name_fa, device_class, iso9999, who_priority, created_at)
            VALUES (:code, :name, :nameFa, :deviceClass, :iso, :who, :now)""")
    @GetGeneratedKeys("id")
    long insertModel(String code, String name, String nameFa, String deviceClass, String iso, boolean who, Instant now);

    @SqlQuery(MODEL + " ORDER BY code")
    List<DeviceModel> models();

    @SqlQuery(MODEL + " WHERE code = :code")
    Optional<DeviceModel> model(String code);

    @SqlUpdate("""
            INSERT INTO device_variants (model_id, code, name, specs_json, sku, created_at)
            VALUES (:model, :code, :name, :specs, :code, :now)""")
    @GetGeneratedKeys("id")
    long insertVariant(long model, String code, String name, String specs, Instant now);

    @SqlQuery(VARIANT + " WHERE v.code = :code")
    Optional<VariantRow> variant(String code);

    @SqlQuery(VARIANT + " WHERE v.sku = :sku")
    Optional<VariantRow> variantBySku(String sku);

    @SqlQuery(VARIANT + " WHERE (CAST(:model AS TEXT) IS NULL OR m.code = :model) ORDER BY v.code")
    List<VariantRow> variants(String model);

    @SqlUpdate("DELETE FROM bom_lines WHERE variant_id = :variant")
    void deleteBom(long variant);

    @SqlUpdate("INSERT INTO bom_lines (variant_id, component_sku, quantity) VALUES (:variant, :sku, :quantity)")
    void insertBomLine(long variant, String sku, long quantity);

    @SqlQuery("""
            SELECT b.component_sku AS sku, b.quantity FROM bom_lines b JOIN device_variants v ON v.id = b.variant_id
             WHERE v.code = :variant ORDER BY b.component_sku""")
    List<BomLine> bom(String variant);

    @SqlUpdate("INSERT INTO routing_steps (model_id, seq, station, test_plan_code) VALUES (:model, :seq, :station, :plan)")
    void insertStep(long model, int seq, String station, String plan);

    @SqlQuery("""
            SELECT r.seq, r.station, r.test_plan_code FROM routing_steps r JOIN device_models m ON m.id = r.model_id
             WHERE m.code = :model ORDER BY r.seq""")
    List<RoutingStep> routing(String model);

    @SqlUpdate("""
            INSERT INTO test_plans (code, version, name, definition_json, created_at, created_by)
            VALUES (:code, :version, :name, :definition, :now, :by)""")
    @GetGeneratedKeys("id")
    long insertPlan(String code, int version, String name, String definition, Instant now, String by);

    @SqlQuery(PLAN + " WHERE code = :code ORDER BY version DESC LIMIT 1")
    Optional<PlanRow> latestPlan(String code);

    @SqlQuery(PLAN + " WHERE id = :id")
    Optional<PlanRow> plan(long id);

    @SqlQuery(PLAN + " WHERE code = :code ORDER BY version")
    List<PlanRow> planVersions(String code);

    @SqlQuery(PLAN + " p WHERE p.version = (SELECT MAX(q.version) FROM test_plans q WHERE q.code = p.code) ORDER BY p.code")
    List<PlanRow> latestPlans();
}
