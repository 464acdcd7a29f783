package org.tavan.quality;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.tavan.errors.InvalidInput;
import org.tavan.production.Production;
import org.tavan.storage.Database;

/** First-pass yield, failure reasons, and time per station; each also as CSV. */
public final class QualityReports {

    private static final Map<String, String> FPY_GROUPS = Map.of(
            "model", "model_code",
            "station", "station",
            "rig", "COALESCE(rig_id, '(by hand)')");

    private final Database db;
    private final Production production;

    public QualityReports(Database db, Production production) {
        this.db = db;
        this.production = production;
    }

    /** Of the units tested at a step, how many passed on their first verdict there. */
    public record YieldRow(String group, long tested, long passedFirstTime, double firstPassYield) {
    }

    public record FailureRow(String item, long failures, long marginals) {
    }

    public List<YieldRow> firstPassYield(String by, Instant from, Instant to) {
        String column = FPY_GROUPS.get(by == null ? "model" : by);
        if (column == null) {
            throw new InvalidInput("by", "Group first-pass yield by model, station or rig");
        }
        // column comes from the fixed map above, never from the request text.
        return db.read(h -> h.createQuery("SELECT " + column + " " + """
                         AS grp, COUNT(*) AS tested, SUM(CASE WHEN outcome <> 'fail' THEN 1 ELSE 0 END) AS passed
                          FROM verdicts
                         WHERE id IN (SELECT MIN(id) FROM verdicts GROUP BY serial, step_seq)
                           AND computed_at >= :from AND computed_at < :to
                         GROUP BY grp
                         ORDER BY grp""")
                .bind("from", from).bind("to", to)
                .map((rs, ctx) -> {
                    long tested = rs.getLong("tested");
                    long passed = rs.getLong("passed");
                    return new YieldRow(rs.getString("grp"), tested, passed,
                            tested == 0 ? 0 : Math.round(1000.0 * passed / tested) / 1000.0);
                })
                .list());
    }

    /** Failed and marginal items of all verdicts, most frequent first. */
    public List<FailureRow> failureReasons(Instant from, Instant to) {
        return db.read(h -> h.createQuery("""
                        SELECT f.item,
                               SUM(CASE WHEN f.outcome = 'fail' THEN 1 ELSE 0 END) AS failures,
                               SUM(CASE WHEN f.outcome = 'marginal' THEN 1 ELSE 0 END) AS marginals
                          FROM verdict_findings f JOIN verdicts v ON v.id = f.verdict_id
                         WHERE v.computed_at >= :from AND v.computed_at < :to
                         GROUP BY f.item
                         ORDER BY failures DESC, marginals DESC, f.item""")
                .bind("from", from).bind("to", to)
                .map((rs, ctx) -> new FailureRow(rs.getString("item"), rs.getLong("failures"), rs.getLong("marginals")))
                .list());
    }

    public List<Production.StationStats> stations(Instant from, Instant to) {
        return production.stationStats(from, to);
    }

    /** RFC 4180 CSV with a header row; fields with commas, quotes or newlines are quoted. */
    static <T> String csv(List<String> header, List<T> rows, Function<T, List<Object>> fields) {
        StringBuilder out = new StringBuilder(String.join(",", header)).append("\r\n");
        for (T row : rows) {
            List<Object> values = fields.apply(row);
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                String v = String.valueOf(values.get(i));
                // A leading =, +, - or @ would run as a formula in a spreadsheet.
                if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0 && !v.matches("-?[0-9.]+")) {
                    v = "'" + v;
                }
                out.append(v.chars().anyMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n') ? '"' + v.replace("\"", "\"\"") + '"' : v);
            }
            out.append("\r\n");
        }
        return out.toString();
    }
}
