package dev.ember.sql.types;

import java.util.Locale;
import java.util.regex.Pattern;

/** How names are written back as SQL: plain when they can be, in backquotes otherwise. */
public final class Identifiers {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private Identifiers() {}

    /** {@code name} as is if it is a plain identifier, otherwise in backquotes with backquotes doubled. */
    public static String quoteIfNeeded(String name) {
        return PLAIN.matcher(name).matches() ? name : quote(name);
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
