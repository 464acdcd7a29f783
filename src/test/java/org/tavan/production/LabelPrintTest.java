package org.tavan.production;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tavan.App;
import org.tavan.testing.Browser;
import org.tavan.testing.Http;
import org.tavan.testing.TestApps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The label page prints on the stock it is made for: headless Chromium prints it to PDF the way
 * "print at 100 %" does, honouring the page's own {@code @page} size (preferCSSPageSize), and the
 * PDF's pages are A4 (595.3 × 841.9 pt) with 24 labels a page for {@code a4-3x8}, and one
 * 50 × 25 mm page (141.7 × 70.9 pt) per label for {@code roll-50x25}. In print media each label
 * measures 70 × 37 mm (or 50 × 25 mm) and the A4 grid starts at the same place on every page.
 */
class LabelPrintTest {

    private static final double PT_PER_MM = 72 / 25.4;
    private static final double PX_PER_MM = 96 / 25.4;

    @TempDir
    Path dir;

    @Test
    void label_sheets_print_at_the_label_stock_sizes() throws Exception {
        try (App app = TestApps.start(dir)) {
            Http admin = new Http(app.httpPort()).signIn("admin", TestApps.ADMIN_PASSWORD);
            ok(admin.post("/api/inventory/locations", Map.of("code", "WS-TEH", "name", "کارگاه", "kind", "workshop")));
            ok(admin.postRaw("/api/catalog/import", "application/json", FloorBrowserTest.CATALOG));
            ok(admin.post("/api/inventory/receipts", Map.of("sku", "TUBE", "location", "WS-TEH", "quantity", 6 * 26)));
            ok(admin.post("/api/inventory/receipts", Map.of("sku", "WHEEL", "location", "WS-TEH", "quantity", 2 * 26)));
            long wo = admin.post("/api/production/work-orders", Map.of("variantCode", "WCM-40", "quantity", 26,
                    "workshopCode", "WS-TEH", "dueDate", "2026-12-20")).json().get("id").asLong();
            ok(admin.post("/api/production/work-orders/" + wo + "/release", Map.of()));

            try (Browser browser = Browser.start(app.httpPort())) {
                browser.signIn("admin", TestApps.ADMIN_PASSWORD);

                browser.visit("/production/work-orders/" + wo + "/labels?layout=a4-3x8");
                List<double[]> a4 = pages(print(browser, "labels-a4-3x8"));
                assertThat(a4).hasSize(2);                       // 26 labels: 24 + 2
                for (double[] page : a4) {
                    assertThat(page[0]).isCloseTo(210 * PT_PER_MM, within(1.0));
                    assertThat(page[1]).isCloseTo(297 * PT_PER_MM, within(1.0));
                }
                printMedia(browser);
                assertThat(browser.all(".sheet")).hasSize(2);
                assertThat(browser.all(".sheet:first-child .label")).hasSize(24);
                assertThat(sizeMm(browser, ".label")).containsExactly(70.0, 37.0);
                // Row 1 and row 8 of page 1; page 2 starts exactly one A4 height further down.
                double top1 = topMm(browser, ".sheet:nth-child(1) .label:nth-child(1)");
                assertThat(top1).isCloseTo(0.5, within(0.1));
                assertThat(topMm(browser, ".sheet:nth-child(1) .label:nth-child(24)")).isCloseTo(0.5 + 7 * 37, within(0.1));
                assertThat(topMm(browser, ".sheet:nth-child(2) .label:nth-child(1)")).isCloseTo(297 + 0.5, within(0.1));
                // Right to left: label 1 in the right-hand column (140 mm in), label 3 at the sheet's left edge.
                double sheetLeft = leftMm(browser, ".sheet:nth-child(1)");
                assertThat(leftMm(browser, ".sheet:nth-child(1) .label:nth-child(1)") - sheetLeft).isCloseTo(140, within(0.1));
                assertThat(leftMm(browser, ".sheet:nth-child(1) .label:nth-child(3)") - sheetLeft).isCloseTo(0, within(0.1));
                assertThat(sizeMm(browser, ".sheet")).containsExactly(210.0, 297.0);

                browser.visit("/production/work-orders/" + wo + "/labels?layout=roll-50x25");
                List<double[]> roll = pages(print(browser, "labels-roll-50x25"));
                assertThat(roll).hasSize(26);
                for (double[] page : roll) {
                    assertThat(page[0]).isCloseTo(50 * PT_PER_MM, within(1.0));
                    assertThat(page[1]).isCloseTo(25 * PT_PER_MM, within(1.0));
                }
                printMedia(browser);
                assertThat(sizeMm(browser, ".label")).containsExactly(50.0, 25.0);
            }
        }
    }

    /** Chromium's print to PDF with the page's own @page size and no added margins, as printing at 100 %. */
    private static byte[] print(Browser browser, String name) throws Exception {
        Map<String, Object> result = browser.driver().executeCdpCommand("Page.printToPDF", Map.of(
                "preferCSSPageSize", true, "printBackground", true, "marginTop", 0, "marginBottom", 0,
                "marginLeft", 0, "marginRight", 0));
        byte[] pdf = Base64.getDecoder().decode((String) result.get("data"));
        Path out = Path.of("target", "screenshots", name + ".pdf");
        Files.createDirectories(out.getParent());
        Files.write(out, pdf);
        return pdf;
    }

    /** Width and height in points of every page, from the PDF's /MediaBox entries. */
    private static List<double[]> pages(byte[] pdf) {
        String text = new String(pdf, StandardCharsets.ISO_8859_1);
        Matcher page = Pattern.compile("/Type\\s*/Page\\b(?!s)").matcher(text);
        int count = 0;
        while (page.find()) {
            count++;
        }
        Matcher box = Pattern.compile("/MediaBox\\s*\\[\\s*([\\d.]+)\\s+([\\d.]+)\\s+([\\d.]+)\\s+([\\d.]+)\\s*]").matcher(text);
        List<double[]> sizes = new ArrayList<>();
        while (box.find()) {
            sizes.add(new double[] {Double.parseDouble(box.group(3)) - Double.parseDouble(box.group(1)),
                    Double.parseDouble(box.group(4)) - Double.parseDouble(box.group(2))});
        }
        assertThat(sizes).as("one MediaBox per page").hasSize(count);
        return sizes;
    }

    private static void printMedia(Browser browser) {
        browser.driver().executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
    }

    private static List<Double> sizeMm(Browser browser, String css) {
        @SuppressWarnings("unchecked")
        List<Number> wh = (List<Number>) browser.script("var r = document.querySelector(arguments[0]).getBoundingClientRect();"
                + "return [r.width, r.height];", css);
        return wh.stream().map(n -> Math.round(n.doubleValue() / PX_PER_MM * 10) / 10.0).toList();
    }

    private static double topMm(Browser browser, String css) {
        return ((Number) browser.script("return document.querySelector(arguments[0]).getBoundingClientRect().top"
                + " + window.scrollY;", css)).doubleValue() / PX_PER_MM;
    }

    private static double leftMm(Browser browser, String css) {
        return ((Number) browser.script("return document.querySelector(arguments[0]).getBoundingClientRect().left;", css))
                .doubleValue() / PX_PER_MM;
    }

    private static void ok(Http.Response r) {
        assertThat(r.status()).as(r.body()).isBetween(200, 201);
    }
}
