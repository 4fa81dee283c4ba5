package dev.ember.sql.sources;

/**
 * The names of files and partition directories as Spark writes and reads them: which names readers skip, and how a
 * partition value is escaped in a {@code k=v} directory name.
 */
public final class PartitionPaths {
    private PartitionPaths() {}

    /**
     * Whether readers skip a file or directory of this name, as Spark does: names starting with {@code .}, and names
     * starting with {@code _} that are not {@code k=v} partition directories ({@code _SUCCESS}, {@code _temporary-...},
     * {@code _commit.lock}; but {@code _p=1} is data).
     */
    public static boolean isHidden(String name) {
        return name.startsWith(".") || (name.startsWith("_") && name.indexOf('=') < 0);
    }

    /** Characters escaped in a partition directory's name as {@code %XX}: Spark's set, so both read each other's. */
    private static final String ESCAPED = "\"#%'*/:=?\\\u007F{[]^";

    /** A partition value as its directory name writes it: Spark's escaping (non-ASCII characters stay as they are). */
    public static String escapePathName(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || ESCAPED.indexOf(c) >= 0) {
                out.append('%').append(String.format(java.util.Locale.ROOT, "%02X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** {@code %XX} escapes replaced by the characters they stand for. */
    public static String unescape(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length()) {
                int high = Character.digit(text.charAt(i + 1), 16);
                int low = Character.digit(text.charAt(i + 2), 16);
                if (high >= 0 && low >= 0) {
                    out.append((char) (high * 16 + low));
                    i += 2;
                    continue;
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    /** Whether two lists of partition column names are the same, in the same order, case ignored. */
    public static boolean sameColumns(java.util.List<String> a, java.util.List<String> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).equalsIgnoreCase(b.get(i))) {
                return false;
            }
        }
        return true;
    }
}
