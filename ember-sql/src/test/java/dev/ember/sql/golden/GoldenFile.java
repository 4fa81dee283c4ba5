package dev.ember.sql.golden;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A golden {@code .sql} file split into statements. A statement ends with a line whose last non-blank character is
 * {@code ;}. Comment lines ({@code --}) before a statement are dropped from its text, except the directives:
 *
 * <ul>
 *   <li>{@code -- !setup}: run the statement but record nothing (it must succeed). Statements starting with {@code
 *       CREATE}, {@code DROP}, {@code SET} or {@code CACHE} are setup statements without the directive.
 *   <li>{@code -- !plan}: record the physical plan of {@code EXPLAIN} as well as the result.
 *   <li>{@code -- !ordered} / {@code -- !unordered}: override whether rows are compared in the order returned. By
 *       default they are when the query has an {@code ORDER BY} outside parentheses.
 * </ul>
 */
record GoldenFile(List<Statement> statements) {

    enum Kind {
        SETUP,
        QUERY
    }

    record Statement(int number, int line, String sql, Kind kind, boolean plan, boolean ordered) {}

    static GoldenFile parse(String text) {
        List<Statement> statements = new ArrayList<>();
        StringBuilder sql = new StringBuilder();
        boolean setup = false;
        boolean plan = false;
        Boolean ordered = null;
        int startLine = -1;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String trimmed = line.strip();
            if (sql.length() == 0 && trimmed.startsWith("--")) {
                String directive = trimmed.substring(2).strip();
                switch (directive) {
                    case "!setup" -> setup = true;
                    case "!plan" -> plan = true;
                    case "!ordered" -> ordered = true;
                    case "!unordered" -> ordered = false;
                    default -> {
                        if (directive.startsWith("!")) {
                            throw new IllegalArgumentException("Unknown directive on line " + (i + 1) + ": " + trimmed);
                        }
                    }
                }
                continue;
            }
            if (sql.length() == 0 && trimmed.isEmpty()) {
                continue;
            }
            if (sql.length() == 0) {
                startLine = i + 1;
            }
            sql.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String statement = sql.toString().strip();
                statement = statement.substring(0, statement.length() - 1).strip();
                Kind kind = setup || isSetupStatement(statement) ? Kind.SETUP : Kind.QUERY;
                boolean isOrdered = ordered != null ? ordered : hasTopLevelOrderBy(statement);
                statements.add(new Statement(statements.size() + 1, startLine, statement, kind, plan, isOrdered));
                sql.setLength(0);
                setup = false;
                plan = false;
                ordered = null;
            }
        }
        if (!sql.toString().isBlank()) {
            throw new IllegalArgumentException("The last statement (line " + startLine + ") does not end with ;");
        }
        return new GoldenFile(List.copyOf(statements));
    }

    private static boolean isSetupStatement(String sql) {
        String head = sql.toUpperCase(Locale.ROOT);
        return head.startsWith("CREATE ")
                || head.startsWith("DROP ")
                || head.startsWith("SET ")
                || head.startsWith("CACHE ");
    }

    /** Whether {@code ORDER BY} appears outside any parentheses and string literals. */
    static boolean hasTopLevelOrderBy(String sql) {
        String upper = sql.toUpperCase(Locale.ROOT);
        int depth = 0;
        boolean quoted = false;
        char quote = 0;
        StringBuilder outside = new StringBuilder();
        for (int i = 0; i < upper.length(); i++) {
            char c = upper.charAt(i);
            if (quoted) {
                if (c == quote) {
                    quoted = false;
                }
                continue;
            }
            if (c == '\'' || c == '"' || c == '`') {
                quoted = true;
                quote = c;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (depth == 0) {
                outside.append(Character.isWhitespace(c) ? ' ' : c);
            }
        }
        return outside.toString().replaceAll(" +", " ").contains("ORDER BY");
    }
}
