package org.tavan.inventory;

/** A place that holds stock. {@code provinceCode} is set for provincial warehouses and centres. */
public record Location(long id, String code, String name, String kind, Long parentId, String provinceCode) {

    public static final String WORKSHOP = "workshop";
    public static final String NATIONAL_WAREHOUSE = "national_warehouse";
    public static final String PROVINCIAL_WAREHOUSE = "provincial_warehouse";
    public static final String CENTRE = "centre";
}
