package org.tavan.beneficiaries;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.tavan.Json;
import org.tavan.errors.InvalidInput;

/** Rows of the registry's tables as records, audit snapshots without personal data, and checks shared by its use cases. */
final class BeneficiaryRows {

    private static final ObjectMapper JSON = Json.mapper();

    private BeneficiaryRows() {
    }

    /** The names of the fields that differ, in registration order. */
    static List<String> changedFields(BeneficiaryView a, BeneficiaryView b) {
        List<String> changed = new java.util.ArrayList<>();
        java.util.function.BiConsumer<String, Boolean> check = (name, same) -> {
            if (!same) {
                changed.add(name);
            }
        };
        check.accept("fullName", a.fullName().equals(b.fullName()));
        check.accept("birthDate", a.birthDate().equals(b.birthDate()));
        check.accept("sex", a.sex().equals(b.sex()));
        check.accept("womanHeadOfHousehold", a.womanHeadOfHousehold() == b.womanHeadOfHousehold());
        check.accept("province", a.province().equals(b.province()));
        check.accept("county", a.county().equals(b.county()));
        check.accept("rural", a.rural() == b.rural());
        check.accept("centre", a.centre().equals(b.centre()));
        check.accept("phone", java.util.Objects.equals(a.phone(), b.phone()));
        check.accept("registeredOn", a.registeredOn().equals(b.registeredOn()));
        check.accept("consent", a.consent() == b.consent());
        return changed;
    }

    static Beneficiaries.Waiting waitingOf(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Beneficiaries.Waiting(rs.getLong("assessment_id"), rs.getLong("beneficiary_id"),
                rs.getString("province"), rs.getString("centre"), LocalDate.parse(rs.getString("birth_date")),
                rs.getBoolean("woman_head_of_household"), rs.getBoolean("rural"),
                LocalDate.parse(rs.getString("registered_on")), rs.getString("device_class"),
                fromJson(rs.getString("measurements_json")), rs.getString("urgency"), rs.getInt("need_level"),
                LocalDate.parse(rs.getString("assessed_on")));
    }

    static BeneficiaryView personOf(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new BeneficiaryView(rs.getLong("id"), rs.getString("national_id_last"), rs.getString("full_name"),
                rs.getString("birth_date"), rs.getString("sex"), rs.getBoolean("woman_head_of_household"),
                rs.getString("province"), rs.getString("county"), rs.getBoolean("rural"), rs.getString("centre"),
                rs.getString("phone"), rs.getString("registered_on"), rs.getBoolean("consent"));
    }

    static AssessmentView assessmentOf(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new AssessmentView(rs.getLong("id"), rs.getLong("beneficiary_id"), rs.getString("device_class"),
                rs.getInt("need_level"), rs.getString("urgency"), rs.getString("environment"),
                rs.getString("referral_source"), fromJson(rs.getString("measurements_json")),
                rs.getString("assessed_on"), rs.getString("status"));
    }

    static Map<String, Object> auditSnapshot(BeneficiaryView v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", v.id());
        m.put("province", v.province());
        m.put("centre", v.centre());
        m.put("registeredOn", v.registeredOn());
        m.put("consent", v.consent());
        return m;
    }

    static void requireValid(List<NewBeneficiary.Problem> problems) {
        if (!problems.isEmpty()) {
            NewBeneficiary.Problem first = problems.get(0);
            throw new InvalidInput(first.field(), first.field() + ": " + first.message(),
                    Map.of("problems", problems));
        }
    }

    static String toJson(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static Map<String, String> fromJson(String s) {
        try {
            return JSON.readValue(s, new TypeReference<java.util.TreeMap<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored measurements are not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The export of a list: no name, phone or birth date (a file leaves Tavan and its access
     * rules; the id finds the person for someone in scope). A field that a spreadsheet would
     * read as a formula gets a leading apostrophe.
     */
    static String csv(List<Beneficiaries.Listed> people) {
        StringBuilder out = new StringBuilder("id,national_id_last,sex,province,county,rural,centre,registered_on,consent\r\n");
        for (Beneficiaries.Listed p : people) {
            List<String> fields = List.of(String.valueOf(p.id()), p.nationalIdLast(), p.sex(), p.province(), p.county(),
                    String.valueOf(p.rural()), p.centre(), p.registeredOn(), String.valueOf(p.consent()));
            out.append(String.join(",", fields.stream().map(BeneficiaryRows::csvField).toList())).append("\r\n");
        }
        return out.toString();
    }

    private static String csvField(String v) {
        String s = !v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0 ? "'" + v : v;
        return s.matches("[^,\"\r\n]*") ? s : "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
