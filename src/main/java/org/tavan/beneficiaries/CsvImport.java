package org.tavan.beneficiaries;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.tavan.audit.Actor;
import org.tavan.audit.AuditLog;
import org.tavan.auth.Scope;
import org.tavan.errors.Conflict;
import org.tavan.errors.InvalidInput;
import org.tavan.storage.Database;

/**
 * Imports beneficiaries with their assessments from one CSV file, all or nothing: every row
 * is checked first, and a file with any error imports nothing and answers every error by line
 * and column. People are recognised by their national ID's keyed hash and assessments by
 * (person, device class, assessment date), so importing the same file again changes nothing.
 * An already registered person's details are not changed by an import.
 */
public final class CsvImport {

    static final List<String> COLUMNS = List.of("national_id", "full_name", "birth_date", "sex",
            "woman_head_of_household", "province", "county", "rural", "centre", "phone", "registered_on", "consent",
            "device_class", "need_level", "urgency", "environment", "referral_source", "assessed_on", "measurements");
    static final int MAX_ROWS = 50_000;

    /** One problem in the file: line (1 = header), column name, what is wrong. */
    public record RowError(int line, String column, String message) {
    }

    public record Result(int rows, int peopleCreated, int peopleAlreadyRegistered, int assessmentsCreated,
                         int assessmentsAlreadyPresent) {
    }

    private static final Map<String, String> COLUMN_OF_FIELD = Map.ofEntries(
            Map.entry("nationalId", "national_id"), Map.entry("fullName", "full_name"),
            Map.entry("birthDate", "birth_date"), Map.entry("sex", "sex"),
            Map.entry("womanHeadOfHousehold", "woman_head_of_household"), Map.entry("province", "province"),
            Map.entry("county", "county"), Map.entry("rural", "rural"), Map.entry("centre", "centre"),
            Map.entry("phone", "phone"), Map.entry("registeredOn", "registered_on"), Map.entry("consent", "consent"),
            Map.entry("deviceClass", "device_class"), Map.entry("needLevel", "need_level"),
            Map.entry("urgency", "urgency"), Map.entry("environment", "environment"),
            Map.entry("referralSource", "referral_source"), Map.entry("assessedOn", "assessed_on"),
            Map.entry("measurements", "measurements"));

    private record Parsed(int line, String nationalId, NewBeneficiary person, NewAssessment assessment) {
    }

    private final Database db;
    private final Beneficiaries beneficiaries;
    private final AuditLog audit;

    public CsvImport(Database db, Beneficiaries beneficiaries, AuditLog audit) {
        this.db = db;
        this.beneficiaries = beneficiaries;
        this.audit = audit;
    }

    /** Every row must lie in the officer's scope, and so must every already registered person it names. */
    public Result importCsv(String text, Scope scope, Actor actor) {
        List<RowError> errors = new ArrayList<>();
        List<Parsed> parsed = parse(text, errors);
        for (Parsed row : parsed) {
            if (!scope.allows(row.person().province(), row.person().centre())) {
                errors.add(new RowError(row.line(), scope.provinces().contains(row.person().province()) ? "centre" : "province",
                        "outside your scope"));
            }
        }
        if (!errors.isEmpty()) {
            throw rejected(errors);
        }
        return db.inTransaction(h -> {
            int peopleCreated = 0;
            int peopleExisting = 0;
            int assessmentsCreated = 0;
            int assessmentsExisting = 0;
            Map<String, Long> seen = new HashMap<>();
            List<RowError> conflicts = new ArrayList<>();
            for (Parsed row : parsed) {
                String hash = beneficiaries.hashOf(row.nationalId());
                Long personId = seen.get(hash);
                if (personId == null) {
                    Optional<Long> existing = beneficiaries.findByHash(h, hash);
                    if (existing.isPresent()) {
                        personId = existing.get();
                        BeneficiaryView person = beneficiaries.person(personId);
                        if (!scope.allows(person.province(), person.centre())) {
                            conflicts.add(new RowError(row.line(), "national_id",
                                    "this person is registered outside your scope"));
                            continue;
                        }
                        peopleExisting++;
                    } else {
                        personId = beneficiaries.register(h, row.person(), actor).id();
                        peopleCreated++;
                    }
                    seen.put(hash, personId);
                }
                NewAssessment a = row.assessment();
                if (beneficiaries.findAssessment(h, personId, a.deviceClass(), a.assessedOn()).isPresent()) {
                    assessmentsExisting++;
                    continue;
                }
                try {
                    beneficiaries.assess(h, personId, a, actor);
                    assessmentsCreated++;
                } catch (Conflict e) {
                    conflicts.add(new RowError(row.line(), "device_class", e.getMessage()));
                }
            }
            if (!conflicts.isEmpty()) {
                // Rolls the whole transaction back: all or nothing.
                throw rejected(conflicts);
            }
            Result result = new Result(parsed.size(), peopleCreated, peopleExisting, assessmentsCreated,
                    assessmentsExisting);
            audit.record(h, actor, "beneficiaries.imported", "import", "csv", null, result);
            return result;
        });
    }

    /**
     * The file's bytes as text, refusing what would otherwise slip in unseen: bytes that are not
     * UTF-8 (decoding would put replacement characters into names) and NUL characters. Both are
     * answered by line and column like every other problem in the file.
     */
    public static String decode(byte[] bytes) {
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = utf8.decode(in, out, true);
        if (result.isError()) {
            String before = new String(bytes, 0, in.position(), StandardCharsets.UTF_8);
            throw rejected(List.of(at(before, "is not UTF-8 text (byte " + (in.position() + 1)
                    + " of the file); save the file as UTF-8 CSV")));
        }
        utf8.flush(out);
        String text = out.flip().toString();
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            throw rejected(List.of(at(text.substring(0, nul), "contains a NUL character")));
        }
        return text;
    }

    /** Where a problem found after {@code before} sits: its record's line and its column's name. */
    private static RowError at(String before, String problem) {
        // A marker closes the text so that the record and field in progress are the last ones.
        List<CsvRows.Row> rows = CsvRows.parse(before + "\u0001").rows();
        CsvRows.Row last = rows.get(rows.size() - 1);
        int index = last.fields().size() - 1;
        List<String> header = rows.size() > 1 ? rows.get(0).fields() : List.of();
        String column = index < header.size() ? header.get(index).strip() : "field " + (index + 1);
        return new RowError(last.line(), column, problem);
    }

    private static InvalidInput rejected(List<RowError> errors) {
        RowError first = errors.get(0);
        return new InvalidInput("file", errors.size() + " problem(s) in the file, nothing was imported; first: line "
                + first.line() + ", column " + first.column() + ": " + first.message(), Map.of("errors", errors));
    }

    private List<Parsed> parse(String text, List<RowError> errors) {
        CsvRows csv = CsvRows.parse(text == null ? "" : text);
        if (csv.rows().isEmpty()) {
            errors.add(new RowError(1, "-", "the file is empty; the first line must name the columns: "
                    + String.join(",", COLUMNS)));
            return List.of();
        }
        List<String> header = csv.rows().get(0).fields().stream().map(String::strip).toList();
        List<String> missing = COLUMNS.stream().filter(c -> !header.contains(c) && !c.equals("phone")).toList();
        List<String> unknown = header.stream().filter(c -> !COLUMNS.contains(c)).toList();
        if (!missing.isEmpty() || !unknown.isEmpty()) {
            errors.add(new RowError(1, String.join(",", missing.isEmpty() ? unknown : missing),
                    (missing.isEmpty() ? "unknown column(s) " + unknown : "missing column(s) " + missing)
                            + "; expected: " + String.join(",", COLUMNS)));
            return List.of();
        }
        if (csv.rows().size() - 1 > MAX_ROWS) {
            errors.add(new RowError(1, "-", "more than " + MAX_ROWS + " rows; split the file"));
            return List.of();
        }
        List<Parsed> out = new ArrayList<>();
        Map<String, Parsed> firstByHashless = new HashMap<>();
        for (CsvRows.Row row : csv.rows().subList(1, csv.rows().size())) {
            if (row.fields().size() != header.size()) {
                errors.add(new RowError(row.line(), "-", "has " + row.fields().size() + " fields, the header has "
                        + header.size()));
                continue;
            }
            Map<String, String> v = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                v.put(header.get(i), row.fields().get(i).strip());
            }
            int before = errors.size();
            NewBeneficiary person = new NewBeneficiary(v.get("national_id"), v.get("full_name"), v.get("birth_date"),
                    v.get("sex"), bool(v.get("woman_head_of_household")), v.get("province"), v.get("county"),
                    bool(v.get("rural")), v.get("centre"), v.get("phone"), v.get("registered_on"),
                    bool(v.get("consent")));
            Map<String, String> measurements = new LinkedHashMap<>();
            String measurementError = measurements(v.get("measurements"), measurements);
            if (measurementError != null) {
                errors.add(new RowError(row.line(), "measurements", measurementError));
            }
            Integer need = null;
            try {
                need = Integer.valueOf(v.get("need_level"));
            } catch (NumberFormatException e) {
                // reported by the assessment's own check below
            }
            NewAssessment assessment = new NewAssessment(v.get("device_class"), need, v.get("urgency"),
                    v.get("environment"), v.get("referral_source"), measurements, v.get("assessed_on"));
            for (NewBeneficiary.Problem p : person.problems()) {
                errors.add(new RowError(row.line(), COLUMN_OF_FIELD.get(p.field()), p.message()));
            }
            for (NewBeneficiary.Problem p : assessment.problems(person.birthDate())) {
                if (!(p.field().equals("measurements") && measurementError != null)) {
                    errors.add(new RowError(row.line(), COLUMN_OF_FIELD.get(p.field()), p.message()));
                }
            }
            if (errors.size() > before) {
                continue;
            }
            String id = NationalIds.normalise(v.get("national_id"));
            Parsed parsed = new Parsed(row.line(), id, person, assessment);
            Parsed earlier = firstByHashless.putIfAbsent(id, parsed);
            if (earlier != null && !earlier.person().fullName().equals(person.fullName())) {
                errors.add(new RowError(row.line(), "full_name", "same national ID as line " + earlier.line()
                        + " but a different name"));
                continue;
            }
            out.add(parsed);
        }
        return out;
    }

    private static Boolean bool(String s) {
        if (s == null) {
            return null;
        }
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "1" -> Boolean.TRUE;
            case "false", "no", "0" -> Boolean.FALSE;
            default -> null;
        };
    }

    /** "hip_width_mm=420; body_mass_kg=70" into the map; returns an error message or null. */
    private static String measurements(String raw, Map<String, String> into) {
        if (raw == null || raw.isBlank()) {
            return "at least one measurement is required, like hip_width_mm=420;body_mass_kg=70";
        }
        for (String part : raw.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0) {
                return "'" + part.strip() + "' is not name=value";
            }
            String key = part.substring(0, eq).strip();
            if (into.put(key, part.substring(eq + 1).strip()) != null) {
                return key + " is given twice";
            }
        }
        return null;
    }
}
