package dev.ember.bench.workload;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The rows a query returned, in a form every engine's runner writes the same way and the controller compares:
 * one line per row, values separated by tabs, each value tagged with its kind. Whole numbers ({@code l}) and
 * strings ({@code s}) compare exactly; dates ({@code t}) as dates; decimals ({@code m}) against decimals exactly;
 * doubles ({@code d}) within a relative 1e-9, and a decimal of scale s against a double within half a unit of its
 * last digit as well (engines differ in whether an average of decimals is a decimal or a double).
 */
public final class Answer {
    private final List<List<Object>> rows;

    private Answer(List<List<Object>> rows) {
        this.rows = rows;
    }

    /** The rows, each value normalized: dates to LocalDate, small integers to Long, BigInteger to BigDecimal. */
    public static Answer of(List<Object[]> rows) {
        List<List<Object>> normalized = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            List<Object> values = new ArrayList<>(row.length);
            for (Object value : row) {
                values.add(normalize(value));
            }
            normalized.add(values);
        }
        return new Answer(normalized);
    }

    public int size() {
        return rows.size();
    }

    static Object normalize(Object value) {
        if (value == null || value instanceof String || value instanceof Long || value instanceof Double) {
            return value;
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate();
        }
        if (value instanceof LocalDate) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger big) {
            return new BigDecimal(big);
        }
        if (value instanceof BigDecimal) {
            return value;
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        // Anything else (a HUGEINT wrapper, a character type) compares by its text.
        return value.toString();
    }

    public String encode() {
        StringBuilder text = new StringBuilder();
        for (List<Object> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) {
                    text.append('\t');
                }
                Object value = row.get(i);
                if (value == null) {
                    text.append('n');
                } else if (value instanceof Long) {
                    text.append("l:").append(value);
                } else if (value instanceof Double) {
                    text.append("d:").append(value);
                } else if (value instanceof BigDecimal decimal) {
                    text.append("m:").append(decimal.toPlainString());
                } else if (value instanceof LocalDate) {
                    text.append("t:").append(value);
                } else {
                    text.append("s:");
                    escape(text, value.toString());
                }
            }
            text.append('\n');
        }
        return text.toString();
    }

    private static void escape(StringBuilder out, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
    }

    private static String unescape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char next = s.charAt(++i);
                out.append(next == 't' ? '\t' : next == 'n' ? '\n' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    public static Answer decode(String text) {
        List<List<Object>> rows = new ArrayList<>();
        int lineNumber = 0;
        for (String line : text.split("\n", -1)) {
            lineNumber++;
            if (line.isEmpty()) {
                continue;
            }
            List<Object> values = new ArrayList<>();
            for (String token : line.split("\t", -1)) {
                values.add(decodeValue(token, lineNumber));
            }
            rows.add(values);
        }
        return new Answer(rows);
    }

    private static Object decodeValue(String token, int line) {
        if (token.equals("n")) {
            return null;
        }
        if (token.length() < 2 || token.charAt(1) != ':') {
            throw new IllegalArgumentException("answer row " + line + ": value without a kind: '" + token + "'");
        }
        String text = token.substring(2);
        return switch (token.charAt(0)) {
            case 'l' -> Long.parseLong(text);
            case 'd' -> Double.parseDouble(text);
            case 'm' -> new BigDecimal(text);
            case 't' -> LocalDate.parse(text);
            case 's' -> unescape(text);
            default -> throw new IllegalArgumentException("answer row " + line + ": unknown kind in '" + token + "'");
        };
    }

    /**
     * What differs between this (the reference) and {@code other}, at most {@code limit} lines, empty when they
     * agree. Without {@code ordered}, both are sorted first (a query without ORDER BY may return any order).
     */
    public List<String> differences(Answer other, boolean ordered, int limit) {
        List<String> out = new ArrayList<>();
        if (rows.size() != other.rows.size()) {
            out.add("row count " + other.rows.size() + ", expected " + rows.size());
            return out;
        }
        List<List<Object>> expected = new ArrayList<>(rows);
        List<List<Object>> actual = new ArrayList<>(other.rows);
        if (!ordered) {
            expected.sort(ROW_ORDER);
            actual.sort(ROW_ORDER);
        }
        for (int r = 0; r < expected.size() && out.size() < limit; r++) {
            List<Object> want = expected.get(r);
            List<Object> got = actual.get(r);
            if (want.size() != got.size()) {
                out.add("row " + r + ": " + got.size() + " columns, expected " + want.size());
                continue;
            }
            for (int c = 0; c < want.size(); c++) {
                if (!same(want.get(c), got.get(c))) {
                    out.add(String.format(Locale.ROOT, "row %d column %d: %s, expected %s", r, c + 1, got, want));
                    break;
                }
            }
        }
        return out;
    }

    static boolean same(Object want, Object got) {
        if (want == null || got == null) {
            return want == got;
        }
        if (want instanceof BigDecimal a && got instanceof BigDecimal b) {
            return a.compareTo(b) == 0;
        }
        if (want instanceof Number a && got instanceof Number b) {
            if (a instanceof Long && b instanceof Long) {
                return a.equals(b);
            }
            double x = a.doubleValue();
            double y = b.doubleValue();
            double tolerance = 1e-9 * Math.max(Math.abs(x), Math.abs(y));
            if (a instanceof BigDecimal d) {
                tolerance += 0.5 * Math.pow(10, -d.scale());
            }
            if (b instanceof BigDecimal d) {
                tolerance += 0.5 * Math.pow(10, -d.scale());
            }
            return Math.abs(x - y) <= tolerance;
        }
        return want.equals(got);
    }

    private static final Comparator<List<Object>> ROW_ORDER = (left, right) -> {
        for (int i = 0; i < Math.min(left.size(), right.size()); i++) {
            int c = compareValues(left.get(i), right.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(left.size(), right.size());
    };

    private static int compareValues(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        return a.toString().compareTo(b.toString());
    }
}
