package org.tavan.catalog;

import java.nio.file.Path;

import org.tavan.config.TavanConfig;
import org.tavan.testing.TestDatabases;

class PostgresCatalogTest extends CatalogContract {
    @Override
    TavanConfig.Db database(Path dir) {
        return TestDatabases.postgres();
    }
}
