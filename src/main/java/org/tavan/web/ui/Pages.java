package org.tavan.web.ui;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tavan.auth.Principal;
import org.tavan.auth.Sessions;
import org.tavan.settings.OrganisationSettings;
import org.tavan.web.RequestContext;
import org.tavan.web.Routes;
import org.tavan.web.WebServer;

/**
 * Renders the tablet UI's pages: a Pebble template from {@code web/templates/} that extends
 * {@code layout}, with what every page shows (organisation name, user, navigation, today's
 * date, language) added to the feature's own model. Features get this object from App and
 * call {@link #render} from their page handlers.
 */
public final class Pages {

    /** Remembers the language chosen before signing in (and for signed-out pages). */
    public static final String LANGUAGE_COOKIE = "tavan_lang";
    private static final Logger log = LoggerFactory.getLogger(Pages.class);

    private final Messages messages;
    private final OrganisationSettings settings;
    private final Language defaultLanguage;
    private final Clock clock;
    private final Routes routes;
    private final Sessions sessions;
    private final PebbleEngine engine;
    private final Notices notices = new Notices();

    public Pages(Messages messages, OrganisationSettings settings, Sessions sessions, Language defaultLanguage,
                 ZoneId zone, Clock clock, Routes routes) {
        this.messages = messages;
        this.sessions = sessions;
        this.settings = settings;
        this.defaultLanguage = defaultLanguage;
        this.clock = clock;
        this.routes = routes;
        ClasspathLoader loader = new ClasspathLoader(Pages.class.getClassLoader());
        loader.setPrefix("web/templates");
        loader.setSuffix(".peb");
        this.engine = new PebbleEngine.Builder()
                .loader(loader)
                .autoEscaping(true)
                .strictVariables(false)
                .defaultLocale(defaultLanguage.locale())
                .extension(new UiExtension(messages, new Formats(zone)))
                .build();
    }

    /** A tile's link with whether its screen exists yet. */
    public record TileView(String label, String hint, String path, boolean ready) {
    }

    /** Renders {@code template} (a path under web/templates without ".peb") as the response. */
    public void render(Context ctx, String template, Map<String, Object> model) {
        ctx.contentType("text/html; charset=utf-8")
                .result(html(ctx, template, model, RequestContext.optionalPrincipal(ctx)));
    }

    /** The language of this request: the signed-in user's choice, else the cookie, else the configured default. */
    public Language language(Context ctx) {
        return language(ctx, RequestContext.optionalPrincipal(ctx));
    }

    private Language language(Context ctx, Optional<Principal> user) {
        if (user.isPresent()) {
            return Language.parse(user.get().language(), defaultLanguage);
        }
        return Language.parse(ctx.cookie(LANGUAGE_COOKIE), defaultLanguage);
    }

    /** A translated text in this request's language, for redirects' notices and error messages built in code. */
    public String text(Context ctx, String key, Object... args) {
        return messages.text(language(ctx), key, args);
    }

    /**
     * The translated text for {@code key}, or {@code fallback} when no bundle has it: for names
     * that come from data, such as a station in an imported routing, which may have no translation.
     */
    public String textOr(Context ctx, String key, String fallback) {
        return messages.has(key) ? messages.text(language(ctx), key) : fallback;
    }

    /** Where features add what the home screen tells each user needs attention. */
    public Notices notices() {
        return notices;
    }

    /** The texts, for features that build sentences in code (e.g. a proposal's reasons). */
    public Messages messages() {
        return messages;
    }

    private String html(Context ctx, String template, Map<String, Object> model, Optional<Principal> user) {
        Language language = language(ctx, user);
        Map<String, Object> all = new HashMap<>(model);
        all.put("lang", language.code());
        all.put("dir", language.dir());
        all.put("otherLang", language.other().code());
        // Until an administrator names them, the header speaks the page's language, not the English defaults.
        all.put("orgName", settings.stored(OrganisationSettings.Key.ORGANISATION_NAME)
                .orElseGet(() -> messages.text(language, "ui.app.name")));
        all.put("workshopName", settings.stored(OrganisationSettings.Key.WORKSHOP_NAME)
                .orElseGet(() -> messages.text(language, "ui.workshop.default")));
        all.put("now", clock.instant());
        all.put("path", ctx.path());
        all.put("requestId", RequestContext.requestId(ctx));
        user.ifPresent(u -> {
            all.put("user", u);
            all.put("nav", navigation(u, ctx.path()));
        });
        try {
            PebbleTemplate compiled = engine.getTemplate(template);
            StringWriter out = new StringWriter();
            compiled.evaluate(out, all, language.locale());
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The tiles this user may see, each marked ready when a page is registered at its path. */
    List<TileView> tiles(Principal user) {
        List<TileView> views = new ArrayList<>();
        for (HomeTiles.Tile tile : HomeTiles.visibleTo(user)) {
            views.add(new TileView(tile.label(), tile.hint(), tile.path(), hasPage(tile.path())));
        }
        return views;
    }

    record NavLink(String label, String path, boolean current) {
    }

    private List<NavLink> navigation(Principal user, String currentPath) {
        List<NavLink> links = new ArrayList<>();
        links.add(new NavLink("ui.nav.home", HomeTiles.HOME, currentPath.equals(HomeTiles.HOME)));
        for (HomeTiles.Tile tile : HomeTiles.visibleTo(user)) {
            if (tile.inNav() && hasPage(tile.path())) {
                links.add(new NavLink(tile.label(), tile.path(), currentPath.startsWith(tile.path())));
            }
        }
        return links;
    }

    /** A path at or under a tile's path where no page has been registered at all: that screen is still being built. */
    private boolean notBuiltYet(String path) {
        return HomeTiles.ALL.stream()
                .filter(t -> path.equals(t.path()) || path.startsWith(t.path() + "/"))
                .anyMatch(t -> routes.all().stream().noneMatch(r -> r.page()
                        && (r.path().equals(t.path()) || r.path().startsWith(t.path() + "/"))));
    }

    boolean hasPage(String path) {
        return routes.all().stream().anyMatch(r -> r.page() && r.method() == HandlerType.GET && r.path().equals(path));
    }

    /**
     * The error page for browsers (installed as the route table's {@link Routes.ErrorPage}).
     * Only requests that ask for HTML get it; API clients keep the JSON error.
     */
    boolean errorPage(Context ctx, int status, String code) {
        String accept = ctx.header("Accept");
        if (accept == null || !accept.contains("text/html")) {
            return false;
        }
        try {
            String kind = switch (status) {
                case 400, 403, 404, 405, 409, 429 -> String.valueOf(status);
                default -> status >= 500 ? "500" : "other";
            };
            if (status == 404 && notBuiltYet(ctx.path())) {
                kind = "soon";
            }
            Map<String, Object> model = new HashMap<>();
            model.put("kind", kind);
            model.put("status", status);
            model.put("code", code);
            // Unknown paths never pass the route table's sign-in check, so look the session up here:
            // a signed-in user keeps their header, language and navigation on the error page.
            Optional<Principal> user = RequestContext.optionalPrincipal(ctx)
                    .or(() -> sessions.find(ctx.cookie(WebServer.SESSION_COOKIE)));
            ctx.contentType("text/html; charset=utf-8").result(html(ctx, "error", model, user));
            return true;
        } catch (RuntimeException e) {
            log.warn("Error page for {} could not be rendered; answering JSON", status, e);
            return false;
        }
    }
}
