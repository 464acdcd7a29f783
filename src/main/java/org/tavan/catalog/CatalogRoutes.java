package org.tavan.catalog;

import java.util.List;

import org.tavan.auth.Role;
import org.tavan.web.Access;
import org.tavan.web.RequestContext;
import org.tavan.web.Routes;

/** The catalogue: everyone signed in reads it; quality leads and administrators change it. */
public final class CatalogRoutes {

    private final Catalog catalog;

    public CatalogRoutes(Catalog catalog) {
        this.catalog = catalog;
    }

    public record Routing(List<Catalog.NewStep> steps) {
    }

    public record Bom(List<BomLine> lines) {
    }

    public void addTo(Routes routes) {
        Access read = Access.signedIn();
        Access edit = Access.roles(Role.QUALITY, Role.ADMIN);
        routes.tag("catalog");
        routes.get("/api/catalog/models", read, ctx -> ctx.json(catalog.models()))
                .summary("Device models with ISO 9999 code and WHO priority-list flag").returnsListOf(DeviceModel.class);
        routes.post("/api/catalog/models", edit, ctx -> {
                    Catalog.NewModel body = ctx.bodyAsClass(Catalog.NewModel.class);
                    ctx.status(201).json(catalog.createModel(body, RequestContext.actor(ctx)));
                })
                .summary("Add a device model").body(Catalog.NewModel.class).returns(DeviceModel.class);
        routes.get("/api/catalog/models/{code}/routing", read, ctx -> ctx.json(catalog.routing(ctx.pathParam("code"))))
                .summary("The model's routing: ordered stations, test stations with their plan").returnsListOf(RoutingStep.class);
        routes.put("/api/catalog/models/{code}/routing", edit, ctx -> {
                    Routing body = ctx.bodyAsClass(Routing.class);
                    ctx.json(catalog.setRouting(ctx.pathParam("code"), body.steps(), RequestContext.actor(ctx)));
                })
                .summary("Set the model's routing (once)").body(Routing.class).returnsListOf(RoutingStep.class);
        routes.post("/api/catalog/models/{code}/variants", edit, ctx -> {
                    Catalog.NewVariant body = ctx.bodyAsClass(Catalog.NewVariant.class);
                    ctx.status(201).json(catalog.addVariant(ctx.pathParam("code"), body, RequestContext.actor(ctx)));
                })
                .summary("Add a size variant with its specifications and bill of materials")
                .body(Catalog.NewVariant.class).returns(Variant.class);
        routes.get("/api/catalog/variants", read, ctx -> ctx.json(catalog.variants(ctx.queryParam("model"))))
                .summary("Size variants (filter: model)").returnsListOf(Variant.class);
        routes.get("/api/catalog/variants/{code}", read, ctx -> ctx.json(catalog.variant(ctx.pathParam("code"))))
                .summary("One variant").returns(Variant.class);
        routes.get("/api/catalog/variants/{code}/bom", read, ctx -> ctx.json(catalog.bom(ctx.pathParam("code"))))
                .summary("Bill of materials of a variant").returnsListOf(BomLine.class);
        routes.put("/api/catalog/variants/{code}/bom", edit, ctx -> {
                    Bom body = ctx.bodyAsClass(Bom.class);
                    ctx.json(catalog.setBom(ctx.pathParam("code"), body.lines(), RequestContext.actor(ctx)));
                })
                .summary("Replace the bill of materials of a variant").body(Bom.class).returnsListOf(BomLine.class);
        routes.get("/api/catalog/specification-keys", read, ctx -> ctx.json(catalog.specificationKeys()))
                .summary("The specifications a variant may carry, with type and unit");
        routes.get("/api/catalog/plans", read, ctx -> ctx.json(catalog.latestPlans()))
                .summary("The latest version of every test plan").returnsListOf(TestPlan.class);
        routes.get("/api/catalog/plans/{code}", read, ctx -> ctx.json(catalog.latestPlan(ctx.pathParam("code"))))
                .summary("The latest version of one test plan").returns(TestPlan.class);
        routes.get("/api/catalog/plans/{code}/versions", read, ctx -> ctx.json(catalog.planVersions(ctx.pathParam("code"))))
                .summary("Every version of one test plan, oldest first").returnsListOf(TestPlan.class);
        routes.put("/api/catalog/plans/{code}", edit, ctx -> ctx.json(catalog.savePlan(ctx.pathParam("code"),
                        ctx.bodyAsClass(TestPlan.Definition.class), RequestContext.actor(ctx))))
                .summary("Create a plan or save a new version of it (versions are never edited)")
                .body(TestPlan.Definition.class).returns(TestPlan.class);
        routes.post("/api/catalog/import", edit, ctx -> ctx.status(201).json(catalog.importDocument(
                        ctx.bodyAsClass(Catalog.CatalogDocument.class), RequestContext.actor(ctx))))
                .summary("Import components, plans and models with variants and routings (all or nothing; "
                        + "format in docs/production-and-quality.md)")
                .body(Catalog.CatalogDocument.class).returns(Catalog.ImportResult.class);
    }
}
