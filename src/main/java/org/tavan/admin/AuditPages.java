package org.tavan.admin;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.javalin.http.Context;
import org.tavan.audit.AuditEntry;
import org.tavan.audit.AuditLog;
import org.tavan.auth.Role;
import org.tavan.storage.Database;
import org.tavan.web.Access;
import org.tavan.web.Routes;
import org.tavan.web.ui.HomeTiles;
import org.tavan.web.ui.Pages;

/** The audit log for administrators and quality leads: newest first, filtered by entity, paged by id. */
public final class AuditPages {

    static final int PAGE_SIZE = 50;

    private final Pages pages;
    private final AuditLog audit;
    private final Database db;

    public AuditPages(Pages pages, AuditLog audit, Database db) {
        this.pages = pages;
        this.audit = audit;
        this.db = db;
    }

    public void addTo(Routes routes) {
        routes.page(HomeTiles.AUDIT, Access.roles(Role.ADMIN, Role.QUALITY), this::show)
                .summary("Audit log, newest first; filter by entity type and id");
    }

    private void show(Context ctx) {
        String entityType = blankToNull(ctx.queryParam("entityType"));
        String entityId = blankToNull(ctx.queryParam("entityId"));
        long before = ctx.queryParamAsClass("before", Long.class).getOrDefault(Long.MAX_VALUE);
        List<AuditEntry> entries = audit.find(db, entityType, entityId, before, PAGE_SIZE + 1);
        boolean more = entries.size() > PAGE_SIZE;
        List<AuditEntry> shown = more ? entries.subList(0, PAGE_SIZE) : entries;
        Map<String, Object> model = new HashMap<>();
        model.put("entries", shown);
        model.put("entityType", entityType == null ? "" : entityType);
        model.put("entityId", entityId == null ? "" : entityId);
        model.put("olderThan", more ? shown.get(shown.size() - 1).id() : null);
        pages.render(ctx, "audit", model);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
