package org.tavan.beneficiaries;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV: comma separated, fields in double quotes may hold commas, quotes (doubled)
 * and line breaks. Each record remembers the line it starts on, for error messages.
 */
record CsvRows(List<Row> rows) {

    record Row(int line, List<String> fields) {
    }

    static CsvRows parse(String text) {
        List<Row> rows = new ArrayList<>();
        String s = text.startsWith("\uFEFF") ? text.substring(1) : text;
        int line = 1;
        int i = 0;
        int n = s.length();
        while (i < n) {
            int startLine = line;
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            boolean endOfRecord = false;
            while (i < n && !endOfRecord) {
                char c = s.charAt(i);
                if (quoted) {
                    if (c == '"') {
                        if (i + 1 < n && s.charAt(i + 1) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            quoted = false;
                        }
                    } else {
                        if (c == '\n') {
                            line++;
                        }
                        field.append(c);
                    }
                } else if (c == '"' && field.isEmpty()) {
                    quoted = true;
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                } else if (c == '\r') {
                    // part of CRLF; a lone CR is ignored
                } else if (c == '\n') {
                    line++;
                    endOfRecord = true;
                } else {
                    field.append(c);
                }
                i++;
            }
            fields.add(field.toString());
            if (!(fields.size() == 1 && fields.get(0).isBlank())) {
                rows.add(new Row(startLine, fields));
            }
        }
        return new CsvRows(rows);
    }
}
