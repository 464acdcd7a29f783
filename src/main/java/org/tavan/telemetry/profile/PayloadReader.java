package org.tavan.telemetry.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.tavan.telemetry.profile.Section.Bad;

/** Reads a profile's {@code payload} (how one frame is written) and {@code checksum}. */
final class PayloadReader {

    private PayloadReader() {
    }

    static Layout.Payload payload(Section p, int format) throws Bad {
        String kind = p.text("format");
        Layout.Payload payload = switch (kind) {
            case "json" -> new Layout.Json();
            case "delimited" -> {
                String separator = p.text("separator");
                if (separator.isEmpty()) {
                    throw new Bad(p.at("separator"), "must not be empty");
                }
                Optional<String> tag = p.optText("tag");
                if (tag.isPresent() && (tag.get().isEmpty() || tag.get().contains(separator))) {
                    throw new Bad(p.at("tag"), "must be non-empty and must not contain the separator");
                }
                int count = p.optInteger("fieldCount", 1, 10_000).orElse(0);
                yield new Layout.Delimited(separator, tag, count);
            }
            case "key-value" -> {
                String pairs = p.optText("pairSeparator").orElse(";");
                String kv = p.optText("keyValueSeparator").orElse("=");
                if (pairs.isEmpty() || kv.isEmpty() || pairs.contains(kv) || kv.contains(pairs)) {
                    throw new Bad(p.path(), "pairSeparator and keyValueSeparator must be non-empty and different");
                }
                yield new Layout.KeyValue(pairs, kv);
            }
            case "binary" -> {
                if (format < 2) {
                    throw new Bad(p.at("format"), "binary payloads need profile format 2");
                }
                yield binary(p);
            }
            default -> throw new Bad(p.at("format"), "must be json, delimited, key-value" + (format >= 2 ? " or binary" : "")
                    + "; found '" + kind + "'");
        };
        p.done();
        return payload;
    }

    private static Layout.Binary binary(Section p) throws Bad {
        int length = p.optInteger("length", 1, 65_536).orElse(0);
        boolean little = p.littleEndian("byteOrder", false);
        boolean words = p.littleEndian("wordOrder", little);
        List<Layout.Constant> constants = new ArrayList<>();
        for (Section c : p.sections("constants")) {
            BinaryField field = field(c, little, words);
            long max = field.type().size >= 8 ? Long.MAX_VALUE : (1L << (8 * field.type().size)) - 1;
            if (field.type().floating) {
                throw new Bad(c.at("type"), "a constant is a whole number type (u8 ... i64)");
            }
            long value = c.code("value", 0, max);
            c.done();
            constants.add(new Layout.Constant(field, value));
        }
        return new Layout.Binary(length, 0, List.copyOf(constants), little, words);
    }

    /** An {@code offset} and {@code type} (u8 ... u64, i8 ... i64, f32, f64), with byteOrder/wordOrder overriding the payload's. */
    static BinaryField field(Section s, boolean little, boolean words) throws Bad {
        int offset = s.integer("offset", 0, 65_535);
        String label = s.text("type");
        BinaryField.Type type = BinaryField.Type.byLabel(label);
        if (type == null) {
            throw new Bad(s.at("type"), "must be one of u8, u16, u32, u64, i8, i16, i32, i64, f32, f64; found '" + label + "'");
        }
        boolean fieldLittle = s.littleEndian("byteOrder", little);
        boolean fieldWords = s.littleEndian("wordOrder", s.has("byteOrder") ? fieldLittle : words);
        return new BinaryField(offset, type, fieldLittle, fieldWords);
    }

    static Checksum checksum(Section c, int format, Layout.Payload payload) throws Bad {
        String type = c.text("type");
        if (payload instanceof Layout.Binary) {
            Checksum.Crc16.Variant variant = variant(c, type);
            int from = c.optInteger("from", 0, 65_535).orElse(0);
            boolean little = c.littleEndian("byteOrder", variant == Checksum.Crc16.Variant.MODBUS);
            c.done();
            return new Checksum.Binary(variant, from, little);
        }
        boolean covered = format >= 2 && (c.has("skip") || c.has("after") || c.has("includeSeparator") || c.has("encoding"));
        Checksum checksum;
        if (covered) {
            checksum = covered(c, type);
        } else {
            checksum = switch (type) {
                case "nmea-xor" -> new Checksum.NmeaXor();
                case "crc-16" -> {
                    Checksum.Crc16.Variant variant = variant(c, type);
                    yield new Checksum.Crc16(variant, separator(c, "*"));
                }
                default -> throw new Bad(c.at("type"), "must be nmea-xor or crc-16; found '" + type + "'");
            };
        }
        c.done();
        return checksum;
    }

    private static Checksum covered(Section c, String type) throws Bad {
        Checksum.Algorithm algorithm = switch (type) {
            case "nmea-xor", "xor-8" -> Checksum.Algorithm.XOR;
            case "crc-16" -> {
                Checksum.Crc16.Variant v = variant(c, type);
                yield new Checksum.Algorithm(v.catalogueName, v);
            }
            default -> throw new Bad(c.at("type"), "must be nmea-xor, xor-8 or crc-16; found '" + type + "'");
        };
        String separator = separator(c, "*");
        int skip = c.optInteger("skip", 0, 1024).orElse(0);
        String after = c.optText("after").orElse(null);
        if (after != null && (after.isEmpty() || c.has("skip"))) {
            throw new Bad(c.at("after"), "must be non-empty, and give skip or after, not both");
        }
        boolean include = c.flag("includeSeparator", false);
        String encoding = c.optText("encoding").orElse("hex");
        Checksum.TextEncoding enc = switch (encoding) {
            case "hex" -> Checksum.TextEncoding.HEX;
            case "decimal" -> Checksum.TextEncoding.DECIMAL;
            case "binary-big" -> Checksum.TextEncoding.BYTES_BIG;
            case "binary-little" -> Checksum.TextEncoding.BYTES_LITTLE;
            default -> throw new Bad(c.at("encoding"), "must be hex, decimal, binary-big or binary-little; found '"
                    + encoding + "'");
        };
        return new Checksum.Covered(algorithm, separator, skip, after, include, enc);
    }

    private static String separator(Section c, String otherwise) throws Bad {
        String separator = c.optText("separator").orElse(otherwise);
        if (separator.isEmpty()) {
            throw new Bad(c.at("separator"), "must not be empty");
        }
        return separator;
    }

    private static Checksum.Crc16.Variant variant(Section c, String type) throws Bad {
        if (!type.equals("crc-16")) {
            throw new Bad(c.at("type"), "a binary frame's checksum must be crc-16; found '" + type + "'");
        }
        String name = c.text("variant");
        Checksum.Crc16.Variant variant = Checksum.Crc16.Variant.byName(name);
        if (variant == null) {
            throw new Bad(c.at("variant"), "must be one of CRC-16/MODBUS, CRC-16/CCITT-FALSE, CRC-16/XMODEM, "
                    + "CRC-16/KERMIT; found '" + name + "'");
        }
        return variant;
    }
}
