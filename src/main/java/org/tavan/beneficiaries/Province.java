package org.tavan.beneficiaries;

import java.util.List;
import java.util.Optional;

/**
 * The 31 provinces of Iran with Tavan's two-digit codes (alphabetical in Persian). Shares,
 * the fairness report and the CSV import use the code.
 */
public record Province(String code, String nameFa, String nameEn) {

    public static final List<Province> ALL = List.of(
            new Province("01", "آذربایجان شرقی", "East Azerbaijan"),
            new Province("02", "آذربایجان غربی", "West Azerbaijan"),
            new Province("03", "اردبیل", "Ardabil"),
            new Province("04", "اصفهان", "Isfahan"),
            new Province("05", "البرز", "Alborz"),
            new Province("06", "ایلام", "Ilam"),
            new Province("07", "بوشهر", "Bushehr"),
            new Province("08", "تهران", "Tehran"),
            new Province("09", "چهارمحال و بختیاری", "Chaharmahal and Bakhtiari"),
            new Province("10", "خراسان جنوبی", "South Khorasan"),
            new Province("11", "خراسان رضوی", "Razavi Khorasan"),
            new Province("12", "خراسان شمالی", "North Khorasan"),
            new Province("13", "خوزستان", "Khuzestan"),
            new Province("14", "زنجان", "Zanjan"),
            new Province("15", "سمنان", "Semnan"),
            new Province("16", "سیستان و بلوچستان", "Sistan and Baluchestan"),
            new Province("17", "فارس", "Fars"),
            new Province("18", "قزوین", "Qazvin"),
            new Province("19", "قم", "Qom"),
            new Province("20", "کردستان", "Kurdistan"),
            new Province("21", "کرمان", "Kerman"),
            new Province("22", "کرمانشاه", "Kermanshah"),
            new Province("23", "کهگیلویه و بویراحمد", "Kohgiluyeh and Boyer-Ahmad"),
            new Province("24", "گلستان", "Golestan"),
            new Province("25", "گیلان", "Gilan"),
            new Province("26", "لرستان", "Lorestan"),
            new Province("27", "مازندران", "Mazandaran"),
            new Province("28", "مرکزی", "Markazi"),
            new Province("29", "هرمزگان", "Hormozgan"),
            new Province("30", "همدان", "Hamadan"),
            new Province("31", "یزد", "Yazd"));

    public static Optional<Province> byCode(String code) {
        return ALL.stream().filter(p -> p.code.equals(code)).findFirst();
    }
}
