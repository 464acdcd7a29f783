package org.tavan.allocation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.tavan.audit.Actor;
import org.tavan.catalog.Catalog;
import org.tavan.catalog.DeviceModel;
import org.tavan.catalog.Variant;
import org.tavan.errors.Conflict;
import org.tavan.inventory.Location;
import org.tavan.inventory.Stock;
import org.tavan.inventory.StockRef;
import org.tavan.inventory.StockUnit;

/**
 * What allocation and distribution see of stock: released units on the inventory ledger, each
 * with the specifications of its catalogue variant and the device class of its model (the ISO
 * 9999 subclass, which is what assessments name). Every change goes through {@link Stock}, in
 * the caller's transaction, so the ledger explains every reservation, shipment and hand-over.
 */
public final class ReleasedUnits {

    /** A unit as officers see it: where it lies, what it is, whether somebody holds it. */
    public record UnitView(String serial, String variantId, String deviceClass, Map<String, String> specs,
                           String location, String province, String status, String reservedFor) {
    }

    private final Stock stock;
    private final Catalog catalog;

    public ReleasedUnits(Stock stock, Catalog catalog) {
        this.stock = stock;
        this.catalog = catalog;
    }

    /** Units the matcher may propose: available, with a catalogue variant behind their stock item. */
    public List<AvailableUnit> available() {
        return views(StockUnit.AVAILABLE).stream()
                .map(u -> new AvailableUnit(u.serial(), u.variantId(), u.deviceClass(), u.specs(), u.province()))
                .toList();
    }

    /** Every finished unit on the ledger that allocation could ever handle, in any status. */
    public List<UnitView> all() {
        return views(null);
    }

    public UnitView get(String serial) {
        StockUnit unit = stock.unit(serial);
        Variant variant = catalog.findVariantBySku(unit.sku()).orElseThrow(() -> new Conflict("not_a_catalogue_unit",
                "Unit " + serial + " is stock item " + unit.sku() + ", which is no catalogue variant; it cannot be allocated"));
        DeviceModel model = catalog.model(variant.modelCode());
        Location at = stock.location(unit.locationCode());
        return view(unit, variant, model, at);
    }

    public void reserve(String serial, StockRef ref, Actor actor) {
        stock.reserve(serial, ref, actor);
    }

    /** Moves the unit to the centre that will hand it over; it stays reserved for its person. */
    public void ship(String serial, String centreCode, StockRef ref, Actor actor) {
        stock.transferUnit(serial, centreCode, ref, actor);
    }

    public void issue(String serial, StockRef ref, Actor actor) {
        stock.issue(serial, ref, actor);
    }

    /** The person gives the unit back at a location; it waits there in repair. */
    public void returned(String serial, String locationCode, StockRef ref, Actor actor) {
        stock.returnUnit(serial, locationCode, ref, actor);
    }

    private List<UnitView> views(String status) {
        Map<String, Variant> bySku = catalog.variants(null).stream()
                .collect(Collectors.toMap(Variant::sku, Function.identity()));
        Map<String, DeviceModel> models = catalog.models().stream()
                .collect(Collectors.toMap(DeviceModel::code, Function.identity()));
        Map<String, Location> locations = stock.locations().stream()
                .collect(Collectors.toMap(Location::code, Function.identity()));
        List<UnitView> out = new ArrayList<>();
        for (StockUnit unit : stock.units(null, null, status)) {
            Variant variant = bySku.get(unit.sku());
            if (variant != null) {
                out.add(view(unit, variant, models.get(variant.modelCode()), locations.get(unit.locationCode())));
            }
        }
        return out;
    }

    private static UnitView view(StockUnit unit, Variant variant, DeviceModel model, Location at) {
        return new UnitView(unit.serial(), variant.code(), model.allocationClass(), specText(variant.specs()),
                unit.locationCode(), at.provinceCode(), unit.status(), unit.reservedFor());
    }

    /** Fit rules read text; whole numbers lose the ".0" the catalogue's doubles carry. */
    static Map<String, String> specText(Map<String, Object> specs) {
        Map<String, String> out = new TreeMap<>();
        specs.forEach((k, v) -> out.put(k, v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15
                ? String.valueOf(d.longValue()) : String.valueOf(v)));
        return out;
    }
}
