package org.tavan.allocation;

import java.time.Clock;

import org.tavan.Json;
import org.tavan.audit.AuditLog;
import org.tavan.beneficiaries.Beneficiaries;
import org.tavan.beneficiaries.NationalIds;
import org.tavan.catalog.Catalog;
import org.tavan.inventory.Stock;
import org.tavan.storage.Database;

/** The services allocation works with, wired on one migrated test database as App wires them. */
record AllocationServices(Stock stock, Catalog catalog, Beneficiaries beneficiaries, ReleasedUnits units,
                          Allocations allocations) {

    static AllocationServices on(Database db) {
        Clock clock = Clock.systemUTC();
        AuditLog audit = new AuditLog(Json.mapper(), clock);
        Beneficiaries beneficiaries = new Beneficiaries(db, audit, clock, new NationalIds(new byte[32]));
        Stock stock = new Stock(db, audit, clock);
        Catalog catalog = new Catalog(db, stock, audit, Json.mapper(), clock);
        ReleasedUnits units = new ReleasedUnits(stock, catalog);
        Allocations allocations = new Allocations(db, audit, clock, new Matcher(Policy.current()), beneficiaries, units);
        return new AllocationServices(stock, catalog, beneficiaries, units, allocations);
    }
}
