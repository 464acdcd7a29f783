package org.tavan.web.ui;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.tavan.auth.Principal;
import org.tavan.auth.Role;

/**
 * The paths of every screen the home page links to, and the tiles that link there: the one
 * place to change when a screen moves. A feature that builds one of these screens registers a
 * page at the path with {@code routes.page(HomeTiles.RIGS, ...)}; until it does, the tile is
 * shown as "not available yet" instead of leading to a 404.
 */
public final class HomeTiles {

    public static final String HOME = "/";
    public static final String FLOOR_SCAN = "/floor/scan";
    public static final String FLOOR_UNITS = "/floor/units";
    public static final String FLOOR_STATION = "/floor/station";
    public static final String RIGS = "/rigs";
    public static final String LIVE_TESTS = "/tests/live";
    public static final String TEST_PLANS = "/quality/plans";
    public static final String YIELD = "/quality/yield";
    public static final String AUDIT = "/audit";
    public static final String WAITING_LIST = "/distribution/waiting-list";
    public static final String PROPOSALS = "/distribution/proposals";
    public static final String SHIPMENTS = "/distribution/shipments";
    public static final String FAIRNESS = "/distribution/fairness";
    public static final String INVENTORY = "/inventory";
    public static final String USERS = "/admin/users";
    public static final String SETTINGS = "/admin/settings";
    public static final String HEALTH = "/admin/health";

    /**
     * One tile of a role's section. Its label is the message {@code tile.<key>}, its hint
     * {@code tile.<key>.hint}; {@code inNav} puts it in the navigation bar too.
     */
    public record Tile(String key, String path, Role section, boolean inNav) {
        public String label() {
            return "tile." + key;
        }

        public String hint() {
            return "tile." + key + ".hint";
        }
    }

    /** Sections appear in this order; a tile seen in an earlier section is not repeated in a later one. */
    public static final List<Tile> ALL = List.of(
            new Tile("floor.station", FLOOR_STATION, Role.FLOOR, true),
            new Tile("floor.units", FLOOR_UNITS, Role.FLOOR, false),
            new Tile("rigs", RIGS, Role.TECHNICIAN, true),
            new Tile("tests.live", LIVE_TESTS, Role.TECHNICIAN, true),
            new Tile("quality.plans", TEST_PLANS, Role.QUALITY, true),
            new Tile("quality.yield", YIELD, Role.QUALITY, true),
            new Tile("audit", AUDIT, Role.QUALITY, false),
            new Tile("distribution.waiting", WAITING_LIST, Role.DISTRIBUTION, true),
            new Tile("distribution.proposals", PROPOSALS, Role.DISTRIBUTION, true),
            new Tile("distribution.shipments", SHIPMENTS, Role.DISTRIBUTION, true),
            new Tile("distribution.fairness", FAIRNESS, Role.DISTRIBUTION, false),
            new Tile("inventory", INVENTORY, Role.DISTRIBUTION, true),
            new Tile("inventory", INVENTORY, Role.QUALITY, false),
            new Tile("admin.users", USERS, Role.ADMIN, true),
            new Tile("admin.settings", SETTINGS, Role.ADMIN, true),
            new Tile("audit", AUDIT, Role.ADMIN, true),
            new Tile("admin.health", HEALTH, Role.ADMIN, false));

    private HomeTiles() {
    }

    /** The tiles this user may see, in section order, each path once. */
    static List<Tile> visibleTo(Principal user) {
        List<Tile> visible = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Tile tile : ALL) {
            if (user.roles().contains(tile.section()) && seen.add(tile.path())) {
                visible.add(tile);
            }
        }
        return visible;
    }
}
