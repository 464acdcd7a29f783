package org.tavan.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.jdbi.v3.core.statement.SqlStatement;
import org.tavan.errors.InvalidInput;

/**
 * Which beneficiaries a user may see and allocate to: the whole country ({@link #NATIONAL}), or
 * some provinces, optionally narrowed to some centres within them. Features put
 * {@link #where} into their own queries, on their own province and centre columns, so a row
 * outside the scope is never read at all. Administrators are always national (they run the
 * whole country's data); {@link Principal#scope()} already says so.
 *
 * <p>Province codes are checked here as Tavan's two-digit codes 01..31 (the list with names is
 * beneficiaries' {@code Province}; auth sits below the features and cannot name it).
 */
public record Scope(boolean national, List<String> provinces, List<String> centres) {

    public static final Scope NATIONAL = new Scope(true, List.of(), List.of());
    static final int MAX_CENTRES = 50;

    /**
     * A scope as a client sends it ({@code {"national": true}} or {@code {"provinces": ["08"], "centres": []}}),
     * checked by {@link #of} when it is used.
     */
    public record Request(Boolean national, List<String> provinces, List<String> centres) {
        public Scope checked() {
            return of(national, provinces, centres);
        }
    }

    /** This scope as a request, for callers that hold a scope and pass it on. */
    public Request request() {
        return new Request(national, provinces, centres);
    }

    public Scope {
        provinces = provinces == null ? List.of() : List.copyOf(new TreeSet<>(provinces));
        centres = centres == null ? List.of() : List.copyOf(new TreeSet<>(centres));
    }

    /**
     * A checked scope from what an administrator sent: {@code national} true with nothing else,
     * or at least one province (and optionally centres). Centres are matched to the names
     * beneficiaries and service cases are registered at, ignoring surrounding blanks.
     */
    public static Scope of(Boolean national, List<String> provinces, List<String> centres) {
        boolean nothingListed = (provinces == null || provinces.isEmpty()) && (centres == null || centres.isEmpty());
        if (Boolean.TRUE.equals(national)) {
            if (!nothingListed) {
                throw new InvalidInput("provinces", "A national scope lists no provinces or centres");
            }
            return NATIONAL;
        }
        if (national == null && nothingListed) {
            throw new InvalidInput("national", "Say national: true, or list the provinces of the scope");
        }
        if (provinces == null || provinces.isEmpty()) {
            throw new InvalidInput("provinces", "A restricted scope needs at least one province");
        }
        for (String code : provinces) {
            if (code == null || !code.matches("0[1-9]|[12][0-9]|3[01]")) {
                throw new InvalidInput("provinces", "Unknown province code '" + code + "'; use 01..31");
            }
        }
        List<String> names = new ArrayList<>();
        for (String centre : centres == null ? List.<String>of() : centres) {
            if (centre == null || centre.isBlank() || centre.strip().length() > 100 || centre.indexOf('\0') >= 0) {
                throw new InvalidInput("centres", "Each centre is 1-100 characters");
            }
            names.add(centre.strip());
        }
        if (names.size() > MAX_CENTRES) {
            throw new InvalidInput("centres", "At most " + MAX_CENTRES + " centres");
        }
        return new Scope(false, provinces, names);
    }

    /** Whether a row in this province and centre is inside the scope (for rows about to be written). */
    public boolean allows(String province, String centre) {
        if (national) {
            return true;
        }
        return provinces.contains(province) && (centres.isEmpty() || (centre != null && centres.contains(centre.strip())));
    }

    /**
     * A condition for a WHERE clause over the given columns; bind its lists with {@link #bind}.
     * National: always true. Restricted: province in the scope's provinces (and centre in its
     * centres, if it names any).
     */
    public String where(String provinceColumn, String centreColumn) {
        if (national) {
            return "1 = 1";
        }
        String sql = provinceColumn + " IN (<scopeProvinces>)";
        if (!centres.isEmpty()) {
            if (centreColumn == null) {
                throw new IllegalArgumentException("This scope names centres; the query must give a centre column");
            }
            sql += " AND " + centreColumn + " IN (<scopeCentres>)";
        }
        return "(" + sql + ")";
    }

    /** Binds the lists {@link #where} names (nothing for a national scope). */
    public <S extends SqlStatement<S>> S bind(S statement) {
        if (!national) {
            statement.bindList("scopeProvinces", provinces);
            if (!centres.isEmpty()) {
                statement.bindList("scopeCentres", centres);
            }
        }
        return statement;
    }

    /** As the audit log and the API show it. */
    public Map<String, Object> describe() {
        return national ? Map.of("national", true)
                : Map.of("national", false, "provinces", provinces, "centres", centres);
    }
}
