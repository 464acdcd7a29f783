package org.tavan.catalog;

/**
 * A product type. {@code code} (2-6 capitals or digits) appears in every serial number;
 * {@code deviceClass} is the workshop's word for the kind of device; allocation matches on
 * {@link #allocationClass()}.
 */
public record DeviceModel(long id, String code, String name, String nameFa, String deviceClass, String iso9999,
                          boolean whoPriority) {

    /**
     * The device class allocation matches on: the ISO 9999 subclass (12.22 for every manual
     * wheelchair, whatever its division), which is what an assessment names as the need.
     */
    public String allocationClass() {
        String[] parts = iso9999.split("\\.");
        return parts.length < 2 ? iso9999 : parts[0] + "." + parts[1];
    }
}
