package org.tavan.allocation;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.tavan.Json;
import org.tavan.web.ui.Language;
import org.tavan.web.ui.Messages;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A proposal's reasons said in the officer's language from the structured reasons the matcher
 * stores: every score part, every fit rule with the measurement and the spec values, the share
 * and seat, the second round and a manual override; Persian digits in Persian.
 */
class ReasonTextsTest {

    private static final ObjectMapper JSON = Json.mapper();
    private static final LocalDate AS_OF = LocalDate.of(2026, 3, 1);
    private final Messages messages = new Messages();
    private final Policy policy = Policy.current();
    private final ReasonTexts texts = new ReasonTexts(policy);

    /** The web's bundles in one language, as the proposal screens hand them to allocation. */
    private Translations in(Language language) {
        return Translations.of(messages::has, (k, a) -> messages.text(language, k, a), language == Language.FA);
    }

    /** The reasons exactly as Allocations stores them for a matcher proposal. */
    private static JsonNode stored(Proposal p) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("score", p.score());
        r.put("fitRulesPassed", p.fitRulesPassed());
        r.put("fitRules", p.fitChecks());
        r.put("share", p.share());
        return JSON.valueToTree(r);
    }

    private static WaitingBeneficiary person(long id, String province, String cls, Map<String, String> m, boolean child,
                                             boolean rural) {
        return new WaitingBeneficiary(id, province, child, false, rural, LocalDate.of(2025, 1, 10), cls, m,
                Urgency.SOON, 4);
    }

    private Proposal only(Policy policy, AvailableUnit unit, WaitingBeneficiary... people) {
        MatchResult result = new Matcher(policy).match(AS_OF, List.of(unit), List.of(people));
        assertThat(result.proposals()).hasSize(1);
        return result.proposals().get(0);
    }

    @Test
    void hearing_thresholds_score_and_share_are_persian_sentences_with_persian_digits() {
        Proposal p = only(policy, new AvailableUnit("HA-1", "HA-40", "22.06",
                        Map.of("fitting_range_min_db_hl", "40", "fitting_range_max_db_hl", "90"), "08"),
                person(1, "08", "22.06", Map.of("threshold_500_db", "45", "threshold_1000_db", "50",
                        "threshold_2000_db", "55", "threshold_4000_db", "60"), false, true));
        ReasonTexts.Explained fa = texts.explain(in(Language.FA), "22.06", stored(p));
        assertThat(fa.fit()).containsExactly(
                "آستانه شنوایی ۵۰۰ هرتز: ۴۵ دسی‌بل، در محدوده ۴۰ تا ۹۰ سمعک",
                "آستانه شنوایی ۱۰۰۰ هرتز: ۵۰ دسی‌بل، در محدوده ۴۰ تا ۹۰ سمعک",
                "آستانه شنوایی ۲۰۰۰ هرتز: ۵۵ دسی‌بل، در محدوده ۴۰ تا ۹۰ سمعک",
                "آستانه شنوایی ۴۰۰۰ هرتز: ۶۰ دسی‌بل، در محدوده ۴۰ تا ۹۰ سمعک");
        // 2025-01-10 to 2026-03-01: 13 whole months, 2 points each.
        assertThat(fa.score()).containsExactly(
                "سطح نیاز ۴: ۵۰ امتیاز",
                "فوریت زود: ۱۵ امتیاز",
                "۱۳ ماه انتظار از ارزیابی: ۲۶ امتیاز",
                "گروه‌های اولویت‌دار (روستایی): ۵ امتیاز",
                "جمع امتیاز اولویت: ۹۶");
        assertThat(fa.share()).containsExactly("سهم استان تهران از این گروه دستگاه: ۱ دستگاه (سهم دقیق ۱)",
                "از جایگاه‌های عمومی سهم استان");
        assertThat(String.join(" ", fa.score()) + String.join(" ", fa.fit())).doesNotContainPattern("[0-9]");

        ReasonTexts.Explained en = texts.explain(in(Language.EN), "22.06", stored(p));
        assertThat(en.fit().get(0)).isEqualTo("Hearing threshold at 500 Hz: 45 dB, within the aid's range 40 to 90");
        assertThat(en.score()).contains("Need level 4: 50 points", "Urgency soon: 15 points",
                "13 months waiting since the assessment: 26 points", "Priority groups (rural resident): 5 points");
        assertThat(en.share()).containsExactly("Share of Tehran in this device class: 1 unit (exact share 1)",
                "On one of the province's open seats");
    }

    @Test
    void wheelchair_margins_say_how_much_wider_and_shorter_the_seat_is() {
        Proposal p = only(policy, new AvailableUnit("WC-1", "WC-440", "12.22",
                        Map.of("seat_width_mm", "440", "seat_depth_mm", "430", "max_user_mass_kg", "100"), "08"),
                person(2, "08", "12.22", Map.of("hip_width_mm", "400", "thigh_length_mm", "470", "body_mass_kg", "68.5"),
                        true, false));
        assertThat(texts.explain(in(Language.FA), "12.22", stored(p)).fit()).containsExactly(
                "عرض نشیمن ۴۴۰ میلی‌متر، ۴۰ میلی‌متر بیشتر از پهنای لگن ۴۰۰ میلی‌متر (باید ۲۰ تا ۵۰ میلی‌متر بیشتر باشد)",
                "عمق نشیمن ۴۳۰ میلی‌متر، ۴۰ میلی‌متر کوتاه‌تر از طول ران ۴۷۰ میلی‌متر (باید ۲۰ تا ۸۰ میلی‌متر کوتاه‌تر باشد)",
                "وزن بدن ۶۸٫۵ کیلوگرم، حداکثر وزن کاربر دستگاه ۱۰۰ کیلوگرم");
        assertThat(texts.explain(in(Language.EN), "12.22", stored(p)).fit().get(1))
                .isEqualTo("Seat depth 430 mm is 40 mm shorter than thigh length 470 mm (must be 20 to 80 mm shorter)");
        assertThat(texts.explain(in(Language.FA), "12.22", stored(p)).score()).contains("گروه‌های اولویت‌دار (کودک): ۱۰ امتیاز");
    }

    @Test
    void policy_v2_s_crutch_and_cushion_rules_are_sentences_too() {
        Proposal crutch = only(policy, new AvailableUnit("CR-1", "CRA-M", "12.03",
                        Map.of("user_height_min_cm", "150", "user_height_max_cm", "190", "max_user_mass_kg", "100"), "08"),
                person(5, "08", "12.03", Map.of("height_cm", "172", "body_mass_kg", "70"), false, false));
        assertThat(texts.explain(in(Language.FA), "12.03", stored(crutch)).fit()).containsExactly(
                "وزن بدن ۷۰ کیلوگرم، حداکثر وزن کاربر دستگاه ۱۰۰ کیلوگرم",
                "قد ۱۷۲ سانتی‌متر، در محدودهٔ قد کاربر ۱۵۰ تا ۱۹۰ سانتی‌متر");
        Proposal cushion = only(policy, new AvailableUnit("CS-1", "CSH-40", "04.33",
                        Map.of("cushion_width_mm", "400", "cushion_depth_mm", "420"), "08"),
                person(6, "08", "04.33", Map.of("hip_width_mm", "370"), false, false));
        assertThat(texts.explain(in(Language.EN), "04.33", stored(cushion)).fit()).containsExactly(
                "Cushion width 400 mm is 30 mm more than hip width 370 mm (must be 20 to 50 mm more)");
    }

    @Test
    void amputation_levels_are_named_in_words() {
        Proposal p = only(policy, new AvailableUnit("PR-1", "PR-TT", "06.24",
                        Map.of("amputation_level", "transtibial, knee", "max_user_mass_kg", "80"), "08"),
                person(3, "08", "06.24", Map.of("amputation_level", "transtibial", "body_mass_kg", "75"), false, false));
        List<String> fa = texts.explain(in(Language.FA), "06.24", stored(p)).fit();
        assertThat(fa.get(0)).isEqualTo("سطح قطع عضو «زیر زانو»، از سطح‌هایی که قطعه برایشان ساخته شده: زیر زانو، مفصل زانو");
        assertThat(fa.get(1)).isEqualTo("وزن بدن ۷۵ کیلوگرم، حداکثر وزن سطح بارگذاری ISO 10328 قطعه ۸۰ کیلوگرم");
    }

    @Test
    void an_unknown_rule_id_falls_back_to_the_policy_s_english_description_with_localised_values() {
        Policy custom = Policy.load(new ByteArrayInputStream("""
                {"version": "t1", "publishedOn": "2026-01-01", "description": "test",
                 "priority": {"needLevelPoints": {"1": 1, "2": 2, "3": 3, "4": 4, "5": 5},
                              "urgencyPoints": {"routine": 0, "soon": 1, "urgent": 2},
                              "waitingPointsPerMonth": 0, "waitingPointsCap": 0, "groupPoints": {}},
                 "fitRules": {"22.06": [{"id": "threshold-250", "kind": "within", "measurement": "threshold_250_db",
                     "specMin": "fitting_range_min_db_hl", "specMax": "fitting_range_max_db_hl",
                     "description": "Hearing threshold at 250 Hz lies within the aid's fitting range"}]},
                 "shares": {"basis": "count", "redistributeUnused": false, "reserved": []}}
                """.getBytes(StandardCharsets.UTF_8)));
        Proposal p = only(custom, new AvailableUnit("HA-2", "HA-40", "22.06",
                        Map.of("fitting_range_min_db_hl", "40", "fitting_range_max_db_hl", "90"), "08"),
                person(4, "08", "22.06", Map.of("threshold_250_db", "42"), false, false));
        ReasonTexts customTexts = new ReasonTexts(custom);
        assertThat(customTexts.explain(in(Language.FA), "22.06", stored(p)).fit()).containsExactly(
                "Hearing threshold at 250 Hz lies within the aid's fitting range: اندازه ۴۲، در محدوده ۴۰ تا ۹۰");
        assertThat(customTexts.explain(in(Language.FA), "22.06", stored(p)).score())
                .contains("در گروه اولویت‌داری نیست: ۰ امتیاز");
        // A stored check without its description: the policy in force supplies it.
        JsonNode withoutDescription = stored(p).deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) withoutDescription.get("fitRules").get(0)).remove("description");
        assertThat(customTexts.explain(in(Language.EN), "22.06", withoutDescription).fit()).containsExactly(
                "Hearing threshold at 250 Hz lies within the aid's fitting range: measurement 42, within 40 to 90");
    }

    @Test
    void second_round_and_manual_assignments_say_so_and_old_reasons_show_as_stored() throws Exception {
        JsonNode round2 = JSON.readTree("""
                {"score": {"needPoints": 50, "urgencyPoints": 15, "waitingMonths": 2, "waitingPoints": 4,
                           "groupPoints": 0, "groups": [], "total": 69},
                 "fitRulesPassed": ["threshold-500: threshold_500_db 45 within [40, 90]"],
                 "share": {"province": "13", "exactShare": 0, "quota": 0, "seat": "national", "round": 2}}""");
        ReasonTexts.Explained fa = texts.explain(in(Language.FA), "22.06", round2);
        assertThat(fa.share()).containsExactly(
                "دور دوم: در سهم استان‌ها کسی نماند که این دستگاه به او بخورد؛ دستگاه در سطح کشور پیشنهاد شد.");
        // Stored before needLevel and urgency were part of the score, and before checks were structured.
        assertThat(fa.score()).startsWith("نیاز: ۵۰ امتیاز", "فوریت: ۱۵ امتیاز");
        assertThat(fa.fit()).containsExactly("threshold-500: threshold_500_db 45 within [40, 90]");

        JsonNode manual = JSON.readTree("""
                {"score": {"needPoints": 50, "urgencyPoints": 15, "waitingMonths": 2, "waitingPoints": 4,
                           "groupPoints": 0, "groups": [], "total": 69, "needLevel": 4, "urgency": "urgent"},
                 "fitRulesPassed": [], "fitRules": [],
                 "share": {"seat": "manual", "round": 0}, "override": "خانواده جابه‌جا شده است"}""");
        ReasonTexts.Explained m = texts.explain(in(Language.FA), "12.22", manual);
        assertThat(m.share()).containsExactly("تخصیص دستی کارشناس: خانواده جابه‌جا شده است");
        assertThat(m.score()).contains("فوریت فوری: ۱۵ امتیاز");
        assertThat(m.fit()).containsExactly("این گروه دستگاه قاعدهٔ تناسبی ندارد؛ به همهٔ منتظران آن می‌خورد.");
    }

    @Test
    void a_reserved_seat_names_its_group() throws Exception {
        JsonNode reserved = JSON.readTree("""
                {"score": {"needPoints": 50, "urgencyPoints": 15, "waitingMonths": 2, "waitingPoints": 4,
                           "groupPoints": 10, "groups": ["child"], "total": 79, "needLevel": 4, "urgency": "soon"},
                 "fitRules": [],
                 "share": {"province": "16", "exactShare": 2.3333333, "quota": 2, "seat": "reserved:child", "round": 1}}""");
        assertThat(texts.explain(in(Language.FA), "12.22", reserved).share()).containsExactly(
                "سهم استان سیستان و بلوچستان از این گروه دستگاه: ۲ دستگاه (سهم دقیق ۲٫۳۳)", "از جایگاه‌های ویژهٔ کودک");
        assertThat(texts.explain(in(Language.EN), "12.22", reserved).share().get(1)).isEqualTo("On a seat reserved for child");
    }
}
