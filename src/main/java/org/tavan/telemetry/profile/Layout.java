package org.tavan.telemetry.profile;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Everything a decoder and its inverse encoder need to know about one profile's frames. */
record Layout(Payload payload, Optional<Checksum> checksum, int maxFrameBytes, Optional<FieldRef> sequence,
              Optional<TimeSpec> deviceTime, List<ValueSpec> values, List<EventSpec> events, List<DerivedSpec> derived) {

    sealed interface Payload permits Json, Delimited, KeyValue, Binary {
        String label();
    }

    record Json() implements Payload {
        @Override
        public String label() {
            return "json";
        }
    }

    /** Text fields split by {@code separator}; when {@code tag} is set it is the first field and must match. */
    record Delimited(String separator, Optional<String> tag, int fieldCount) implements Payload {
        @Override
        public String label() {
            return "delimited";
        }
    }

    record KeyValue(String pairSeparator, String keyValueSeparator) implements Payload {
        @Override
        public String label() {
            return "key-value";
        }
    }

    /**
     * Bytes with fields at offsets. {@code length} is the exact frame length with its checksum (0:
     * any length of at least {@code minLength}); {@code constants} are bytes every frame must carry
     * (a Modbus unit id, function code and byte count), so a reply to another request is refused;
     * the byte and word orders are the defaults of the fields.
     */
    record Binary(int length, int minLength, List<Constant> constants, boolean littleEndian, boolean wordsSwapped)
            implements Payload {
        @Override
        public String label() {
            return "binary";
        }

        Binary withMinLength(int min) {
            return new Binary(length, min, constants, littleEndian, wordsSwapped);
        }
    }

    record Constant(BinaryField field, long value) {
    }

    enum TimeEncoding {
        EPOCH_SECONDS("epoch-seconds"), EPOCH_MILLIS("epoch-millis"), ISO_8601("iso-8601"),
        UPTIME_SECONDS("uptime-seconds"), UPTIME_MILLIS("uptime-millis");

        final String label;

        TimeEncoding(String label) {
            this.label = label;
        }

        boolean isUptime() {
            return this == UPTIME_SECONDS || this == UPTIME_MILLIS;
        }
    }

    /** The device time; an uptime is added to the boot time read from {@code boot}. */
    record TimeSpec(FieldRef ref, TimeEncoding encoding, Optional<FieldRef> boot, Optional<TimeEncoding> bootEncoding) {
    }

    /**
     * One field (or, with [*] in its path, each element of an array) that becomes a measurement:
     * value = raw * scale + offset. {@code key}, when present, names each element by a sibling value
     * (a frequency, say) instead of its index; {@code summaries} maps max/min/mean to the name of an
     * extra measurement computed over the elements.
     */
    record ValueSpec(String name, FieldRef ref, Optional<FieldRef> key, String unit, MeasurementSpec.Type type,
                     double scale, double offset, boolean optional, List<Integer> shape, Map<String, String> summaries,
                     NameTemplate names) {

        boolean isArray() {
            return ref.wildcards() > 0;
        }
    }

    record EventCode(String kind, String description) {
    }

    /**
     * A status or error-code field; each code maps to a rig event, listed codes to nothing. Codes
     * written as numbers ({@code "5"}, {@code "0x05"}) match the field's value as a number. With
     * {@code bits}, a value is a status word: every entry whose {@code (value & mask) == match}
     * is an event, and set bits no entry covers (outside {@code ignoreBits}) are unknown.
     */
    record EventSpec(FieldRef ref, Map<String, EventCode> codes, Map<Long, String> numericCodes, List<String> ignore,
                     boolean rejectUnknown, List<BitCode> bits, long ignoreBits) {

        boolean isStatusWord() {
            return !bits.isEmpty();
        }
    }

    /** One meaning in a status word: a single bit (mask = match) or a value of a group of bits. */
    record BitCode(long mask, long match, String code, EventCode event) {
    }

    /** A measurement computed from others of the same frame (after their scale and offset). */
    record DerivedSpec(String name, String unit, Expression expression) {
    }
}
