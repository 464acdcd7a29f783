package org.tavan.web.ui;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Dimension;
import org.tavan.App;
import org.tavan.demo.DemoData;
import org.tavan.testing.Browser;
import org.tavan.testing.TestApps;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every screen each role can reach from its home screen, in the demo workshop, in Persian,
 * upright (800 × 1280) and sideways (1280 × 800), checked with {@link Browser#pageProblems()}:
 * no untranslated key or Latin word, no Gregorian date, no target under 48 px or closer than
 * 8 px to the next, no sideways scrolling. The walk follows the links a user can tap, so a new
 * screen is checked as soon as something links to it.
 */
class EveryPageBrowserTest {

    /** Pages per role at most, so a list with thousands of rows cannot make the walk endless. */
    private static final int MAX_PAGES = 60;
    /**
     * The floor screens are being reworked on another branch (issue 12: the unit screen's buttons,
     * the station list); their checks join when that work merges.
     */
    private static final List<String> NOT_YET = List.of("/floor/");

    /**
     * Known defects not fixed yet, as (page, start of the problem): each must still occur, so the
     * list only shrinks. The published policy's description and fit rules are English text with
     * Latin digits inside the policy document (allocation's data): it needs Persian texts in the
     * policy itself. A proposal's fit reasons are built by allocation's ReasonTexts with Latin digits.
     */
    private static final Map<String, String> KNOWN = Map.of();

    @TempDir
    Path dir;

    @Test
    void every_page_of_every_role_passes_the_tablet_checks_in_persian_upright_and_sideways() {
        try (App app = new App(TestApps.config(dir)).withDemoData(true).start();
             Browser browser = Browser.start(app.httpPort())) {
            Map<String, List<String>> problems = new LinkedHashMap<>();
            Map<String, String> accounts = new LinkedHashMap<>();
            accounts.put("admin", TestApps.ADMIN_PASSWORD);
            for (String user : List.of("floor", "technician", "quality", "officer")) {
                accounts.put(user, DemoData.demoAdminPassword());
            }
            int visited = 0;
            Set<String> known = new java.util.HashSet<>();
            for (Map.Entry<String, String> account : accounts.entrySet()) {
                browser.clearCookies().size(Browser.PORTRAIT).signIn(account.getKey(), account.getValue());
                assertThat(browser.path()).as("signed in as " + account.getKey()).isEqualTo("/");
                for (String path : walk(browser, app.httpPort())) {
                    visited++;
                    for (Dimension size : List.of(Browser.PORTRAIT, Browser.LANDSCAPE)) {
                        browser.size(size).visit(path);
                        String page = account.getKey() + " " + path;
                        List<String> found = new ArrayList<>();
                        for (String problem : browser.pageProblems()) {
                            if (KNOWN.containsKey(page) && problem.startsWith(KNOWN.get(page))) {
                                known.add(page);
                            } else {
                                found.add(problem);
                            }
                        }
                        if (!found.isEmpty()) {
                            problems.put(account.getKey() + " " + path + " at " + size.getWidth() + "px", found);
                        }
                    }
                }
            }
            problems.forEach((page, found) -> System.out.println("PAGE " + page + "\n  " + String.join("\n  ", found)));
            assertThat(visited).as("pages visited").isGreaterThan(20);
            assertThat(problems).as("pages with problems").isEmpty();
            assertThat(known).as("known defects that still occur (remove the fixed ones from KNOWN)")
                    .containsExactlyInAnyOrderElementsOf(KNOWN.keySet());
        }
    }

    /** The pages reachable by links from home, breadth first, one per route shape (ids and queries aside). */
    @SuppressWarnings("unchecked")
    private static List<String> walk(Browser browser, int port) {
        List<String> pages = new ArrayList<>();
        Set<String> shapes = new LinkedHashSet<>();
        Deque<String> queue = new ArrayDeque<>(List.of("/"));
        while (!queue.isEmpty() && pages.size() < MAX_PAGES) {
            String path = queue.poll();
            if (!shapes.add(shape(path))) {
                continue;
            }
            browser.visit(path);
            if (!browser.path().equals(path)) {
                continue; // a redirect (sign-in, a scan) leads to a page the walk reaches by its own link
            }
            pages.add(path);
            List<String> links = (List<String>) browser.script(
                    "return [...document.querySelectorAll('a[href]')].map(a => a.href);");
            for (String link : links) {
                URI uri = URI.create(link);
                if (uri.getPort() != port || uri.getPath() == null) {
                    continue;
                }
                String p = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
                if (p.startsWith("/api/") || p.startsWith("/static/") || p.startsWith("/webjars/")
                        || p.startsWith("/login") || p.startsWith("/api-docs") || NOT_YET.stream().anyMatch(p::startsWith)
                        || uri.getRawPath().endsWith(".csv")) {
                    continue;
                }
                queue.add(p);
            }
        }
        return pages;
    }

    /** /distribution/people/17?x=1 → /distribution/people/#?x: one visit per screen, not per row. */
    private static String shape(String path) {
        int q = path.indexOf('?');
        String base = (q < 0 ? path : path.substring(0, q)).replaceAll("/[0-9][^/]*", "/#").replaceAll("/[A-Z]{2,}[A-Z0-9-]*", "/#");
        String query = q < 0 ? "" : path.substring(q + 1).replaceAll("=[^&]*", "");
        return base + "?" + query;
    }
}
