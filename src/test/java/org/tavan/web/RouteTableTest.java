package org.tavan.web;

import java.nio.file.Path;

import io.javalin.http.HandlerType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tavan.App;
import org.tavan.auth.Role;
import org.tavan.testing.Http;
import org.tavan.testing.TestApps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RouteTableTest {

    @TempDir
    Path dir;

    @Test
    void a_route_without_an_access_declaration_cannot_be_added() {
        Routes routes = new Routes();
        assertThatThrownBy(() -> routes.get("/api/secret", null, ctx -> ctx.result("secret")))
                .isInstanceOf(Routes.UndeclaredRoute.class)
                .hasMessageContaining("GET /api/secret");
    }

    @Test
    void the_app_refuses_to_start_with_an_undeclared_route() {
        App app = new App(TestApps.config(dir)).withRoutes(routes -> routes.get("/api/secret", null, ctx -> { }));
        assertThatThrownBy(app::start).isInstanceOf(Routes.UndeclaredRoute.class);
    }

    @Test
    void declared_roles_are_enforced_and_listed() {
        App app = new App(TestApps.config(dir)).withRoutes(routes -> routes.tag("test")
                .get("/api/test/quality-only", Access.roles(Role.QUALITY), ctx -> ctx.result("ok")));
        try (app) {
            app.start();
            Http admin = new Http(app.httpPort()).signIn("admin", TestApps.ADMIN_PASSWORD);
            assertThat(admin.get("/api/test/quality-only").status()).isEqualTo(403);
            Http.Response list = admin.get("/api/routes");
            assertThat(list.status()).isEqualTo(200);
            assertThat(list.body()).contains("/api/test/quality-only").contains("\"access\":\"quality\"");
            // Every route in the table says who may call it.
            list.json().forEach(route -> assertThat(route.get("access").asText()).isNotBlank());
        }
    }

    @Test
    void the_same_route_cannot_be_declared_twice() {
        Routes routes = new Routes();
        routes.get("/api/x", Access.anyone(), ctx -> { });
        assertThatThrownBy(() -> routes.get("/api/x", Access.signedIn(), ctx -> { }))
                .hasMessageContaining("declared twice");
        assertThat(routes.all()).extracting(Routes.Route::method).containsExactly(HandlerType.GET);
    }
}
