package dev.ember.sql.types;

import java.util.Locale;
import java.util.regex.Pattern;

/** How names are written back as SQL: plain when they can be, in backquotes otherwise. */
public final class Identifiers {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private Identifiers() {}

    /**
     * The grammar's reserved words (its keywords outside {@code nonReserved}): as names they must be quoted. Kept in
     * step with EmberSqlParser.g4 by IdentifiersTest.
     */
    static final java.util.Set<String> RESERVED = java.util.Set.of(
            "ALL",
            "AND",
            "ANTI",
            "AS",
            "BETWEEN",
            "BOTH",
            "BY",
            "CASE",
            "CLUSTER",
            "CROSS",
            "CURRENT_DATE",
            "CURRENT_TIMESTAMP",
            "CURRENT_USER",
            "DISTINCT",
            "DISTRIBUTE",
            "ELSE",
            "END",
            "EXCEPT",
            "FALSE",
            "FOR",
            "FROM",
            "FULL",
            "GROUP",
            "HAVING",
            "IN",
            "INNER",
            "INTERSECT",
            "IS",
            "JOIN",
            "LATERAL",
            "LEADING",
            "LEFT",
            "LIMIT",
            "MINUS",
            "NATURAL",
            "NOT",
            "NULL",
            "OFFSET",
            "ON",
            "OR",
            "ORDER",
            "OUTER",
            "QUALIFY",
            "RIGHT",
            "SELECT",
            "SEMI",
            "SORT",
            "THEN",
            "TO",
            "TRAILING",
            "TRUE",
            "UNION",
            "USING",
            "VALUES",
            "WHEN",
            "WHERE",
            "WINDOW",
            "WITH");

    /**
     * {@code name} as is if it is a plain identifier that is not a reserved word, otherwise in backquotes with
     * backquotes doubled: what DDL and SQL text made from a schema need to parse back.
     */
    public static String quoteIfNeeded(String name) {
        return PLAIN.matcher(name).matches() && !RESERVED.contains(name.toUpperCase(Locale.ROOT)) ? name : quote(name);
    }

    /** {@code name} in backquotes, backquotes inside it doubled. */
    public static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    /** The form under which names are compared: SQL names do not depend on case. */
    public static String normalize(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
