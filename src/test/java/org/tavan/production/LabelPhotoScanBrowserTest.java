package org.tavan.production;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tavan.App;
import org.tavan.testing.Browser;
import org.tavan.testing.Http;
import org.tavan.testing.TestApps;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A floor worker scans a unit's label with the tablet camera (headless Chromium, Persian): the
 * photo (a large one, so the page scales it down first) goes to the server, which reads the QR
 * code and opens the unit. A photo without a label, and a file that is no photo, bring the
 * worker back with a message and change nothing.
 */
class LabelPhotoScanBrowserTest {

    @TempDir
    Path dir;

    @Test
    void a_photo_of_the_label_opens_the_unit_and_a_photo_without_one_says_so() throws Exception {
        try (App app = TestApps.start(dir)) {
            Http admin = new Http(app.httpPort()).signIn("admin", TestApps.ADMIN_PASSWORD);
            ok(admin.post("/api/inventory/locations", Map.of("code", "WS-TEH", "name", "کارگاه", "kind", "workshop")));
            ok(admin.postRaw("/api/catalog/import", "application/json", FloorBrowserTest.CATALOG));
            ok(admin.post("/api/inventory/receipts", Map.of("sku", "TUBE", "location", "WS-TEH", "quantity", 6)));
            ok(admin.post("/api/inventory/receipts", Map.of("sku", "WHEEL", "location", "WS-TEH", "quantity", 2)));
            long wo = admin.post("/api/production/work-orders", Map.of("variantCode", "WCM-40", "quantity", 1,
                    "workshopCode", "WS-TEH", "dueDate", "2026-12-20")).json().get("id").asLong();
            String serial = admin.post("/api/production/work-orders/" + wo + "/release", Map.of()).json()
                    .at("/serials/0").asText();
            ok(admin.post("/api/users", Map.of("username", "maryam", "displayName", "مریم احمدی",
                    "password", "maryam-password", "roles", List.of("floor"), "language", "fa")));

            Path label = photoOfLabel(serial, dir.resolve("label.png"));
            Path wall = plainPhoto(dir.resolve("wall.png"));
            Path notAPhoto = Files.writeString(dir.resolve("notes.jpg"), "this is not an image");
            try (Browser browser = Browser.start(app.httpPort())) {
                browser.size(Browser.PORTRAIT).signIn("maryam", "maryam-password").visit("/floor/station");
                assertThat(browser.text("[data-testid=photo-scan] label")).isEqualTo("یا از برچسب با دوربین تبلت عکس بگیرید");
                assertThat(browser.attribute("[data-testid=photo]", "capture")).isEqualTo("environment");

                browser.upload("[data-testid=photo]", wall);
                assertThat(browser.text("[data-testid=floor-error]")).contains("کد QR برچسبی پیدا نشد");
                browser.upload("[data-testid=photo]", notAPhoto);
                assertThat(browser.text("[data-testid=floor-error]")).contains("قابل خواندن نیست");

                browser.upload("[data-testid=photo]", label);
                assertThat(browser.path()).isEqualTo("/floor/units/" + serial);
                assertThat(browser.text("[data-testid=serial]")).isEqualTo(serial);
                assertThat(browser.text("[data-testid=state]")).isEqualTo("در انتظار");
            }
            // Scanning only finds the unit: nothing about it changed.
            assertThat(admin.get("/api/floor/units/" + serial).json().get("history")).isEmpty();
        }
    }

    /** A 2400 × 1800 camera-like photo: grey surroundings, the white label with its QR code off-centre. */
    private static Path photoOfLabel(String serial, Path file) throws Exception {
        BitMatrix qr = new QRCodeWriter().encode(serial, BarcodeFormat.QR_CODE, 420, 420);
        BufferedImage photo = new BufferedImage(2400, 1800, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = photo.createGraphics();
        g.setColor(new Color(120, 118, 110));
        g.fillRect(0, 0, 2400, 1800);
        g.setColor(Color.WHITE);
        g.fillRect(1000, 600, 700, 480);
        g.setColor(Color.BLACK);
        for (int y = 0; y < qr.getHeight(); y++) {
            for (int x = 0; x < qr.getWidth(); x++) {
                if (qr.get(x, y)) {
                    g.fillRect(1030 + x, 630 + y, 1, 1);
                }
            }
        }
        g.dispose();
        ImageIO.write(photo, "png", file.toFile());
        return file;
    }

    private static Path plainPhoto(Path file) throws Exception {
        BufferedImage photo = new BufferedImage(800, 600, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = photo.createGraphics();
        g.setColor(new Color(200, 190, 170));
        g.fillRect(0, 0, 800, 600);
        g.dispose();
        ImageIO.write(photo, "png", file.toFile());
        return file;
    }

    private static void ok(Http.Response r) {
        assertThat(r.status()).as(r.body()).isBetween(200, 201);
    }
}
