package org.tavan.admin;

import org.tavan.audit.AuditEntry;
import org.tavan.audit.AuditLog;
import org.tavan.auth.Role;
import org.tavan.errors.InvalidInput;
import org.tavan.storage.Database;
import org.tavan.web.Access;
import org.tavan.web.Routes;

/** Reading the audit log: administrators and quality leads (traceability). */
public final class AuditRoutes {

    private final AuditLog audit;
    private final Database db;

    public AuditRoutes(AuditLog audit, Database db) {
        this.audit = audit;
        this.db = db;
    }

    public void addTo(Routes routes) {
        routes.tag("audit");
        routes.get("/api/audit", Access.roles(Role.ADMIN, Role.QUALITY), ctx -> {
            int limit = ctx.queryParamAsClass("limit", Integer.class).getOrDefault(100);
            if (limit < 1 || limit > 1000) {
                throw new InvalidInput("limit", "limit must be between 1 and 1000");
            }
            long before = ctx.queryParamAsClass("before", Long.class).getOrDefault(Long.MAX_VALUE);
            ctx.json(audit.find(db, ctx.queryParam("entityType"), ctx.queryParam("entityId"), before, limit));
        }).summary("Audit log, newest first; filter by entityType and entityId, page with before=<id>")
                .returnsListOf(AuditEntry.class);
    }
}
