package org.tavan.allocation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A proposal's reasons as sentences in the officer's language, built from the structured
 * reasons (score parts, {@code fitRules} checks, share), never by parsing the English text:
 * «آستانه شنوایی ۵۰۰ هرتز: ۴۵ دسی‌بل، در محدوده ۴۰ تا ۹۰ سمعک». Numbers are passed to the
 * message formats as numbers, so Persian gets Persian digits.
 *
 * <p>A fit rule is said with {@code fit.rule.<id>} when the bundles have it; an unknown rule
 * id falls back to the policy's English description with the values in a sentence per rule
 * kind ({@code fit.kind.<kind>}). Reasons stored before the checks were structured (only
 * {@code fitRulesPassed} strings) are shown as they were stored.
 */
public final class ReasonTexts {

    /** What the page lists under a proposal. */
    public record Explained(List<String> score, List<String> fit, List<String> share) {
    }

    private final Policy policy;

    public ReasonTexts(Policy policy) {
        this.policy = policy;
    }

    public Explained explain(Translations language, String deviceClass, JsonNode reasons) {
        return new Explained(score(language, reasons.path("score")), fit(language, deviceClass, reasons),
                share(language, reasons));
    }

    List<String> score(Translations l, JsonNode s) {
        List<String> lines = new ArrayList<>();
        int needPoints = s.path("needPoints").asInt();
        int urgencyPoints = s.path("urgencyPoints").asInt();
        if (s.hasNonNull("needLevel")) {
            lines.add(text(l, "reason.need", s.get("needLevel").asInt(), needPoints));
        } else {
            lines.add(text(l, "proposals.need", needPoints));
        }
        if (s.hasNonNull("urgency")) {
            lines.add(text(l, "reason.urgency", urgency(l, s.get("urgency").asText()), urgencyPoints));
        } else {
            lines.add(text(l, "proposals.urgency", urgencyPoints));
        }
        // Scores before v3 say nothing: they counted from registration.
        lines.add(text(l, "assessment".equals(s.path("waitingFrom").asText()) ? "reason.waitingSinceAssessment" : "reason.waiting",
                s.path("waitingMonths").asLong(), s.path("waitingPoints").asInt()));
        List<String> groups = new ArrayList<>();
        s.path("groups").forEach(g -> groups.add(group(l, g.asText())));
        lines.add(groups.isEmpty() ? text(l, "reason.groups.none")
                : text(l, "reason.groups", String.join(text(l, "reason.separator"), groups), s.path("groupPoints").asInt()));
        if (s.has("total")) {
            lines.add(text(l, "reason.total", s.get("total").asInt()));
        }
        return lines;
    }

    List<String> fit(Translations l, String deviceClass, JsonNode reasons) {
        List<String> lines = new ArrayList<>();
        if (!reasons.has("fitRules")) {
            reasons.path("fitRulesPassed").forEach(r -> lines.add(r.asText()));
            return lines;
        }
        for (JsonNode c : reasons.get("fitRules")) {
            lines.add(check(l, deviceClass, c));
        }
        if (lines.isEmpty()) {
            lines.add(text(l, "reason.fit.none"));
        }
        return lines;
    }

    /** One fit rule check as a sentence. */
    String check(Translations l, String deviceClass, JsonNode c) {
        String id = c.path("rule").asText();
        String kind = c.path("kind").asText();
        Object[] args = switch (kind) {
            case "margin" -> {
                BigDecimal measured = decimal(c.path("measured").asText(null));
                BigDecimal spec = decimal(c.path("specValue").asText(null));
                BigDecimal diff = measured == null || spec == null ? null : spec.subtract(measured);
                BigDecimal min = c.hasNonNull("min") ? c.get("min").decimalValue().stripTrailingZeros() : null;
                BigDecimal max = c.hasNonNull("max") ? c.get("max").decimalValue().stripTrailingZeros() : null;
                yield new Object[] {value(measured, c, "measured"), value(spec, c, "specValue"), diff, min, max,
                        negate(diff), negate(max), negate(min)};
            }
            case "within" -> new Object[] {number(c, "measured"), number(c, "specMinValue"), number(c, "specMaxValue")};
            case "oneOf" -> {
                List<String> allowed = new ArrayList<>();
                for (String v : c.path("specValue").asText("").split(",")) {
                    if (!v.isBlank()) {
                        allowed.add(fitValue(l, v.strip()));
                    }
                }
                yield new Object[] {fitValue(l, c.path("measured").asText("").strip()),
                        String.join(text(l, "reason.separator"), allowed)};
            }
            default -> new Object[] {number(c, "measured"), number(c, "specValue")};
        };
        String key = "fit.rule." + id;
        if (l.has(key)) {
            return text(l, key, args);
        }
        String description = c.hasNonNull("description") ? c.get("description").asText() : descriptionOf(deviceClass, id);
        Object[] withLabel = new Object[args.length + 1];
        withLabel[0] = description;
        System.arraycopy(args, 0, withLabel, 1, args.length);
        String kindKey = "fit.kind." + kind;
        return text(l, l.has(kindKey) ? kindKey : "fit.kind.atMost", withLabel);
    }

    List<String> share(Translations l, JsonNode reasons) {
        JsonNode share = reasons.path("share");
        int round = share.path("round").asInt(-1);
        String seat = share.path("seat").asText("");
        List<String> lines = new ArrayList<>();
        if (round == 0 || seat.equals("manual")) {
            lines.add(text(l, "reason.share.manual", reasons.path("override").asText("")));
        } else if (round == 2) {
            lines.add(text(l, "reason.share.round2"));
        } else {
            String province = org.tavan.beneficiaries.Province.byCode(share.path("province").asText())
                    .map(p -> l.persian() ? p.nameFa() : p.nameEn()).orElse(share.path("province").asText());
            lines.add(text(l, "reason.share.round1", province, share.path("quota").asInt(),
                    decimal(share.path("exactShare").asText("0")).setScale(2, java.math.RoundingMode.HALF_UP)
                            .stripTrailingZeros()));
            if (seat.startsWith("reserved:")) {
                lines.add(text(l, "reason.seat.reserved", group(l, seat.substring("reserved:".length()))));
            } else {
                lines.add(text(l, "reason.seat.open"));
            }
        }
        return lines;
    }

    private String descriptionOf(String deviceClass, String id) {
        return policy.rulesFor(deviceClass).stream().filter(r -> r.id().equals(id)).map(FitRule::description)
                .findFirst().orElse(id);
    }

    private String urgency(Translations l, String code) {
        String key = "urgency." + code;
        return l.has(key) ? text(l, key) : code;
    }

    private String group(Translations l, String code) {
        String key = "group." + code;
        return l.has(key) ? text(l, key) : code;
    }

    /** A value of a oneOf rule (an amputation level) in words, when the bundles know it. */
    private String fitValue(Translations l, String value) {
        String key = "fit.value." + value;
        return l.has(key) ? text(l, key) : value;
    }

    private String text(Translations l, String key, Object... args) {
        return l.text(key, args);
    }

    /** The stored value as a number for the message (digits of the language), or as written if it is not one. */
    private static Object number(JsonNode c, String field) {
        String raw = c.path(field).asText(null);
        BigDecimal d = decimal(raw);
        return d != null ? d : raw == null ? "—" : raw;
    }

    private static Object value(BigDecimal d, JsonNode c, String field) {
        return d != null ? d : c.path(field).asText("—");
    }

    private static BigDecimal negate(BigDecimal d) {
        return d == null ? null : d.negate();
    }

    static BigDecimal decimal(String raw) {
        if (raw == null) {
            return null;
        }
        try {
            return new BigDecimal(raw.strip()).stripTrailingZeros();
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
