package org.tavan.inventory;

import java.nio.file.Path;

import org.tavan.config.TavanConfig;
import org.tavan.testing.TestDatabases;

class SqliteStockLedgerTest extends StockLedgerContract {
    @Override
    TavanConfig.Db database(Path dir) {
        return TestDatabases.sqlite(dir);
    }
}
