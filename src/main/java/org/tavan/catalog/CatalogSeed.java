package org.tavan.catalog;

import java.io.IOException;
import java.io.InputStream;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.tavan.audit.Actor;
import org.tavan.demo.DemoData;

/** The demo catalogue: the same document an operator would POST to /api/catalog/import. */
public final class CatalogSeed implements DemoData.Seed {

    public static final String RESOURCE = "/catalog/seed-catalog.json";

    private final Catalog catalog;
    private final ObjectMapper json;

    public CatalogSeed(Catalog catalog, ObjectMapper json) {
        this.catalog = catalog;
        this.json = json;
    }

    @Override
    public String name() {
        return "catalogue (wheelchairs, walkers, crutches, below-knee pylons, BTE hearing aids, cushions)";
    }

    @Override
    public void plant(Actor actor) {
        catalog.importDocument(document(json), actor);
    }

    public static Catalog.CatalogDocument document(ObjectMapper json) {
        try (InputStream in = CatalogSeed.class.getResourceAsStream(RESOURCE)) {
            return json.readValue(in, Catalog.CatalogDocument.class);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
    }
}
