package org.tavan.web.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What needs someone's attention, shown on the home screen above the tiles: each feature adds
 * a source (a rig's calibration due, components below their reorder level, proposals waiting),
 * which looks at the signed-in user's roles and scope and says what concerns them, each notice
 * linking to the screen that resolves it. A source that fails is logged and left out: the home
 * screen must open even when one feature cannot answer.
 */
public final class Notices {

    private static final Logger log = LoggerFactory.getLogger(Notices.class);

    /** A notice: its text is the message {@code key} with {@code args}; {@code urgent} when something is already late. */
    public record Notice(String key, List<Object> args, String path, boolean urgent) {
        public static Notice of(String key, String path, boolean urgent, Object... args) {
            return new Notice(key, List.of(args), path, urgent);
        }
    }

    private final List<Function<Context, List<Notice>>> sources = new CopyOnWriteArrayList<>();

    public void add(Function<Context, List<Notice>> source) {
        sources.add(source);
    }

    /** The notices for this request's user, urgent ones first. */
    List<Notice> of(Context ctx) {
        List<Notice> all = new ArrayList<>();
        for (Function<Context, List<Notice>> source : sources) {
            try {
                all.addAll(source.apply(ctx));
            } catch (RuntimeException e) {
                log.warn("A home-screen notice source failed; its notices are left out", e);
            }
        }
        all.sort((a, b) -> Boolean.compare(b.urgent(), a.urgent()));
        return all;
    }
}
