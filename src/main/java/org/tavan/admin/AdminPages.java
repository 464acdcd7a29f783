package org.tavan.admin;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.javalin.http.Context;
import org.tavan.auth.Role;
import org.tavan.auth.Scope;
import org.tavan.auth.UserScopes;
import org.tavan.auth.UserView;
import org.tavan.auth.Users;
import org.tavan.beneficiaries.Province;
import org.tavan.errors.Conflict;
import org.tavan.errors.InvalidInput;
import org.tavan.settings.OrganisationSettings;
import org.tavan.web.Access;
import org.tavan.web.HealthRoutes;
import org.tavan.web.RequestContext;
import org.tavan.web.Routes;
import org.tavan.web.ui.HomeTiles;
import org.tavan.web.ui.Pages;

/**
 * Administrators' screens: users (list, create, change roles / name / language / active /
 * password, data scope), organisation settings, and the service's health. Every change goes through the
 * same services as the API, so it is validated and audited the same way.
 */
public final class AdminPages {

    private static final List<String> ROLE_CODES = Arrays.stream(Role.values()).map(Role::code).toList();

    private final Pages pages;
    private final Users users;
    private final UserScopes scopes;
    private final OrganisationSettings settings;
    private final Supplier<HealthRoutes.Health> health;

    /** {@code health} is what GET /health answers, so the screen and the probe never disagree. */
    public AdminPages(Pages pages, Users users, UserScopes scopes, OrganisationSettings settings,
                      Supplier<HealthRoutes.Health> health) {
        this.pages = pages;
        this.users = users;
        this.scopes = scopes;
        this.settings = settings;
        this.health = health;
    }

    public void addTo(Routes routes) {
        Access admin = Access.roles(Role.ADMIN);
        routes.page(HomeTiles.USERS, admin, this::userList).summary("Users and their roles");
        routes.page(HomeTiles.USERS + "/new", admin, ctx -> userForm(ctx, null, Map.of(), Map.of()))
                .summary("Form for a new user");
        routes.pagePost(HomeTiles.USERS, admin, (this::createUser)).summary("Create a user from the form");
        routes.page(HomeTiles.USERS + "/{username}/edit", admin, this::editUser).summary("Form to change a user");
        routes.pagePost(HomeTiles.USERS + "/{username}", admin, (this::changeUser))
                .summary("Change a user from the form");
        routes.page(HomeTiles.SETTINGS, admin, ctx -> settingsForm(ctx, settings.all(), Map.of(), false))
                .summary("Organisation settings");
        routes.pagePost(HomeTiles.SETTINGS, admin, (this::saveSettings))
                .summary("Save organisation settings from the form");
        routes.page(HomeTiles.HEALTH, admin, this::health).summary("Database and MQTT state");
    }

    private void userList(Context ctx) {
        Map<String, Object> model = new HashMap<>();
        model.put("users", users.list());
        model.put("provinceNames", provinceNames(ctx));
        model.put("created", ctx.queryParam("created"));
        model.put("changed", ctx.queryParam("changed"));
        pages.render(ctx, "admin/users", model);
    }

    private void editUser(Context ctx) {
        UserView user = users.get(ctx.pathParam("username"));
        Map<String, String> values = new HashMap<>();
        values.put("displayName", user.displayName());
        values.put("language", user.language());
        values.put("active", String.valueOf(user.active()));
        values.put("scope", user.scope().national() ? "national" : "provinces");
        values.put("scopeCentres", String.join(", ", user.scope().centres()));
        userForm(ctx, user, values, Map.of(), user.roles(), user.scope().provinces());
    }

    private void userForm(Context ctx, UserView existing, Map<String, String> values, Map<String, String> errors) {
        userForm(ctx, existing, values, errors, List.of(), List.of());
    }

    private void userForm(Context ctx, UserView existing, Map<String, String> values, Map<String, String> errors,
                          List<String> checkedRoles, List<String> scopeProvinces) {
        Map<String, Object> model = new HashMap<>();
        model.put("existing", existing);
        model.put("values", values);
        model.put("errors", errors);
        model.put("roleCodes", ROLE_CODES);
        model.put("checkedRoles", checkedRoles);
        model.put("provinces", Province.ALL);
        model.put("provinceNames", provinceNames(ctx));
        model.put("scopeProvinces", scopeProvinces);
        pages.render(ctx, "admin/user_form", model);
    }

    private void createUser(Context ctx) {
        Map<String, String> values = formValues(ctx, "username", "displayName", "language", "scope", "scopeCentres");
        List<String> roles = ctx.formParams("roles");
        Map<String, String> errors = new LinkedHashMap<>();
        try {
            Scope scope = scopeOf(ctx, values);
            users.create(new Users.NewUser(values.get("username"), values.get("displayName"), ctx.formParam("password"),
                    roles, values.getOrDefault("language", "fa"), scope.request()), RequestContext.actor(ctx));
            ctx.redirect(HomeTiles.USERS + "?created=" + URLEncoder.encode(values.get("username"), StandardCharsets.UTF_8));
            return;
        } catch (InvalidInput e) {
            errors.put(formField(e.field()), fieldError(ctx, e));
            ctx.status(400);
        } catch (Conflict e) {
            errors.put(e.reason().equals("username_taken") ? "username" : "form", conflictError(ctx, e));
            ctx.status(409);
        }
        userForm(ctx, null, values, errors, roles, ctx.formParams("scopeProvinces"));
    }

    private void changeUser(Context ctx) {
        UserView user = users.get(ctx.pathParam("username"));
        Map<String, String> values = formValues(ctx, "displayName", "language", "scope", "scopeCentres");
        boolean active = ctx.formParam("active") != null;
        values.put("active", String.valueOf(active));
        List<String> roles = ctx.formParams("roles");
        String password = ctx.formParam("password");
        Map<String, String> errors = new LinkedHashMap<>();
        try {
            // Checked before anything is written, so a refused scope leaves the user as it was.
            Scope scope = scopeOf(ctx, values);
            users.change(user.username(), new Users.UserChange(values.get("displayName"), roles,
                    values.get("language"), active, password == null || password.isEmpty() ? null : password),
                    RequestContext.actor(ctx));
            scopes.set(user.username(), scope, RequestContext.actor(ctx));
            ctx.redirect(HomeTiles.USERS + "?changed=" + URLEncoder.encode(user.username(), StandardCharsets.UTF_8));
            return;
        } catch (InvalidInput e) {
            errors.put(formField(e.field()), fieldError(ctx, e));
            ctx.status(400);
        } catch (Conflict e) {
            errors.put("form", conflictError(ctx, e));
            ctx.status(409);
        }
        userForm(ctx, user, values, errors, roles, ctx.formParams("scopeProvinces"));
    }

    private void settingsForm(Context ctx, Map<String, String> values, Map<String, String> errors, boolean saved) {
        Map<String, Object> model = new HashMap<>();
        model.put("keys", Arrays.stream(OrganisationSettings.Key.values()).map(OrganisationSettings.Key::code).toList());
        model.put("values", values);
        model.put("errors", errors);
        model.put("saved", saved || ctx.queryParam("saved") != null);
        pages.render(ctx, "admin/settings", model);
    }

    private void saveSettings(Context ctx) {
        Map<String, String> current = settings.all();
        Map<String, String> values = new LinkedHashMap<>(current);
        Map<String, String> errors = new LinkedHashMap<>();
        for (String key : current.keySet()) {
            String given = ctx.formParam(key);
            if (given == null) {
                continue;
            }
            values.put(key, given);
            if (given.strip().equals(current.get(key))) {
                continue;
            }
            try {
                settings.set(key, given, RequestContext.actor(ctx));
            } catch (InvalidInput e) {
                errors.put(key, pages.text(ctx, "admin.settings.error.length"));
            }
        }
        if (errors.isEmpty()) {
            ctx.redirect(HomeTiles.SETTINGS + "?saved=1");
            return;
        }
        ctx.status(400);
        settingsForm(ctx, values, errors, false);
    }

    private void health(Context ctx) {
        HealthRoutes.Health now = health.get();
        Map<String, Object> model = new HashMap<>();
        model.put("up", now.status().equals("up"));
        model.put("database", now.database());
        model.put("broker", now.broker());
        // The source's kind as the screen names it: the embedded broker, an external MQTT broker
        // or the national queue.
        model.put("brokerKind", Boolean.TRUE.equals(now.broker().get("embedded")) ? "embedded" : now.broker().get("kind"));
        model.put("ingest", now.ingest());
        pages.render(ctx, "admin/health", model);
    }

    /** The translated rule for the field if there is one ({@code admin.users.error.<field>}), else the service's words. */
    private String fieldError(Context ctx, InvalidInput e) {
        String key = "admin.users.error." + formField(e.field());
        return pages.messages().has(key) ? pages.text(ctx, key) : e.getMessage();
    }

    private String conflictError(Context ctx, Conflict e) {
        String key = "admin.users.error." + e.reason();
        return pages.messages().has(key) ? pages.text(ctx, key) : e.getMessage();
    }

    /** The scope the form asks for: the national radio, or the ticked provinces and the centres typed. */
    private static Scope scopeOf(Context ctx, Map<String, String> values) {
        boolean national = !"provinces".equals(values.get("scope"));
        List<String> centres = Arrays.stream(values.getOrDefault("scopeCentres", "").split("[,،\\n]"))
                .map(String::strip).filter(c -> !c.isEmpty()).toList();
        return national ? Scope.of(true, List.of(), List.of())
                : Scope.of(false, ctx.formParams("scopeProvinces"), centres);
    }

    /** The form field that shows a service's refusal: the scope's parts share the scope's fieldset. */
    private static String formField(String field) {
        return switch (field) {
            case "national", "provinces" -> "scope";
            case "centres" -> "scopeCentres";
            default -> field;
        };
    }

    private Map<String, String> provinceNames(Context ctx) {
        Map<String, String> names = new HashMap<>();
        boolean fa = pages.language(ctx) == org.tavan.web.ui.Language.FA;
        Province.ALL.forEach(p -> names.put(p.code(), fa ? p.nameFa() : p.nameEn()));
        return names;
    }

    private static Map<String, String> formValues(Context ctx, String... names) {
        Map<String, String> values = new HashMap<>();
        for (String name : names) {
            String v = ctx.formParam(name);
            values.put(name, v == null ? "" : v.strip());
        }
        return values;
    }
}
