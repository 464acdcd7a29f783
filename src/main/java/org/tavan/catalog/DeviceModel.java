package org.tavan.catalog;

/**
 * A product type. {@code code} (2-6 capitals or digits) appears in every serial number;
 * {@code deviceClass} is what allocation matches an assessment against.
 */
public record DeviceModel(long id, String code, String name, String nameFa, String deviceClass, String iso9999,
                          boolean whoPriority) {
}
