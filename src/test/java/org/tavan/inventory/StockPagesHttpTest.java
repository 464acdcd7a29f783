package org.tavan.inventory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tavan.App;
import org.tavan.audit.Actor;
import org.tavan.auth.Users;
import org.tavan.testing.Http;
import org.tavan.testing.TestApps;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The storekeeper's page over HTTP, in Persian: low stock and the shipments on the road are
 * listed; a receipt without proof of delivery and a count that is no number are refused on the
 * page with nothing changed; a good receipt moves the goods, a count records its variance.
 */
class StockPagesHttpTest {

    static final String PASSWORD = "stock-page-password";

    @TempDir
    Path dir;

    @Test
    void a_storekeeper_receives_a_shipment_and_records_a_count_on_the_page() {
        try (App app = TestApps.start(dir)) {
            for (String[] u : new String[][] {{"keeper", "distribution"}, {"worker", "floor"}}) {
                app.users().create(new Users.NewUser(u[0], u[0], PASSWORD, List.of(u[1]), "fa"), Actor.system("test"));
            }
            Http admin = new Http(app.httpPort()).signIn("admin", TestApps.ADMIN_PASSWORD);
            for (Map<String, Object> place : List.of(
                    Map.<String, Object>of("code", "WS-TEH", "name", "کارگاه تهران", "kind", "workshop"),
                    Map.<String, Object>of("code", "NW-KRJ", "name", "انبار ملی", "kind", "national_warehouse",
                            "parentCode", "WS-TEH"))) {
                ok(admin.post("/api/inventory/locations", place), 201);
            }
            ok(admin.post("/api/inventory/items", Map.of("sku", "CASTOR-8", "name", "چرخ جلو ۸ اینچ", "kind", "component",
                    "uom", "piece", "reorderLevel", 20)), 201);
            ok(admin.post("/api/inventory/receipts", Map.of("sku", "CASTOR-8", "location", "WS-TEH", "quantity", 30)), 201);
            long shipment = ok(admin.post("/api/inventory/shipments", Map.of("from", "WS-TEH", "to", "NW-KRJ",
                    "lines", List.of(Map.of("sku", "CASTOR-8", "quantity", 25)), "carrier", "باربری")), 201)
                    .get("id").asLong();

            Http keeper = new Http(app.httpPort()).signIn("keeper", PASSWORD);
            Http.Response page = keeper.get("/inventory");
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body()).contains("موجودی و ارسال‌ها", "محمولهٔ شمارهٔ " + persian(shipment), "از WS-TEH به NW-KRJ",
                    "هیچ قطعه‌ای زیر نقطهٔ سفارش نیست");

            Http.Response noProof = keeper.postRaw("/inventory/shipments/" + shipment + "/receive",
                    "application/x-www-form-urlencoded", "receivedBy=" + form("انباردار کرج") + "&proofOfDelivery=");
            assertThat(noProof.status()).isEqualTo(400);
            assertThat(noProof.body()).contains("رسید تحویل لازم است").contains("value=\"انباردار کرج\"");
            assertThat(keeper.get("/api/inventory/shipments/" + shipment).json().get("status").asText()).isEqualTo("dispatched");

            Http.Response received = keeper.postRaw("/inventory/shipments/" + shipment + "/receive",
                    "application/x-www-form-urlencoded", "receivedBy=" + form("انباردار کرج") + "&proofOfDelivery=POD-77");
            assertThat(received.status()).isEqualTo(302);
            assertThat(received.headers().firstValue("Location")).hasValue("/inventory?received=" + shipment);
            assertThat(keeper.get("/api/inventory/shipments/" + shipment).json().get("proofOfDelivery").asText())
                    .isEqualTo("POD-77");
            // 5 castors left at the workshop, below the reorder level of 20: the page says so.
            assertThat(keeper.get("/inventory?location=WS-TEH").body()).contains("کالاهای زیر نقطهٔ سفارش", "CASTOR-8")
                    .doesNotContain("هیچ قطعه‌ای زیر نقطهٔ سفارش نیست");
            Http.Response again = keeper.postRaw("/inventory/shipments/" + shipment + "/receive",
                    "application/x-www-form-urlencoded", "receivedBy=x&proofOfDelivery=POD-78");
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.body()).contains("این محموله پیش‌تر دریافت شده است");

            long movements = keeper.get("/api/inventory/ledger?sku=CASTOR-8").json().size();
            Http.Response notANumber = keeper.postRaw("/inventory/counts", "application/x-www-form-urlencoded",
                    "location=NW-KRJ&sku=CASTOR-8&counted=" + form("بیست"));
            assertThat(notANumber.status()).isEqualTo(400);
            assertThat(notANumber.body()).contains("تعداد شمرده‌شده را به عدد صحیح بنویسید");
            assertThat(keeper.get("/api/inventory/ledger?sku=CASTOR-8").json().size()).isEqualTo(movements);
            Http.Response counted = keeper.postRaw("/inventory/counts", "application/x-www-form-urlencoded",
                    "location=NW-KRJ&sku=CASTOR-8&counted=23&note=" + form("دو عدد شکسته"));
            assertThat(counted.status()).isEqualTo(302);
            JsonNode latest = keeper.get("/api/inventory/ledger?sku=CASTOR-8&location=NW-KRJ&limit=1").json().get(0);
            assertThat(latest.get("reason").asText()).isEqualTo("count_adjustment");
            assertThat(latest.get("quantity").asLong()).isEqualTo(-2);

            Http worker = new Http(app.httpPort()).signIn("worker", PASSWORD);
            assertThat(worker.get("/inventory").status()).isEqualTo(403);
            assertThat(worker.post("/api/inventory/shipments", Map.of("from", "NW-KRJ", "to", "WS-TEH",
                    "lines", List.of(Map.of("sku", "CASTOR-8", "quantity", 1)))).status()).isEqualTo(403);
            assertThat(worker.post("/api/inventory/shipments/" + shipment + "/receipt",
                    Map.of("receivedBy", "x", "proofOfDelivery", "y")).status()).isEqualTo(403);
            assertThat(worker.postRaw("/inventory/counts", "application/x-www-form-urlencoded",
                    "location=NW-KRJ&sku=CASTOR-8&counted=1").status()).isEqualTo(403);
        }
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String persian(long n) {
        StringBuilder out = new StringBuilder();
        for (char c : Long.toString(n).toCharArray()) {
            out.append((char) ('۰' + (c - '0')));
        }
        return out.toString();
    }

    private static JsonNode ok(Http.Response r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        return r.json();
    }
}
