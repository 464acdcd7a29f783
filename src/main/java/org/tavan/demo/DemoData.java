package org.tavan.demo;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tavan.audit.Actor;
import org.tavan.auth.Users;

/**
 * Fills a new database with a realistic workshop for trying Tavan out (the README's run
 * command passes --demo). Each feature adds its part as a {@link Seed}, in dependency order.
 */
public final class DemoData {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    /** A feature's part of the demo workshop. */
    public interface Seed {
        String name();

        void plant(Actor actor);
    }

    private final Users users;
    private final List<Seed> seeds = new ArrayList<>();

    public DemoData(Users users) {
        this.users = users;
    }

    public DemoData add(Seed seed) {
        seeds.add(seed);
        return this;
    }

    /** Plants everything; returns the lines to print for the person who started Tavan. */
    public List<String> plant(String adminPassword) {
        Actor actor = Actor.system("demo");
        DemoUsers.create(users, actor);
        for (Seed seed : seeds) {
            log.info("Demo data: {}", seed.name());
            seed.plant(actor);
        }
        List<String> lines = new ArrayList<>();
        lines.add("Demo workshop created. Sign in at the web UI with:");
        lines.add(String.format("  %-12s %-16s %s", "admin", adminPassword, "(admin)"));
        for (DemoUsers.Account account : DemoUsers.ACCOUNTS) {
            lines.add(String.format("  %-14s %-16s (%s)", account.username(), DemoUsers.PASSWORD, account.describe()));
        }
        return lines;
    }

    public static String demoAdminPassword() {
        return DemoUsers.PASSWORD;
    }
}
