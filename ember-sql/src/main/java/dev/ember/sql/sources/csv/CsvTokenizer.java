package dev.ember.sql.sources.csv;

import java.util.Arrays;

/**
 * Cuts one CSV record, held as chars, into fields (RFC 4180 with Spark's options). A field is kept as a span of the
 * record's chars and made a String only when asked for ({@link #token}), so that columns a query does not read cost
 * nothing. Inside quotes, a doubled quote, or the escape char followed by a quote or by itself, stands for that char.
 * Not thread-safe; reused record after record.
 */
final class CsvTokenizer {
    private static final byte SPAN = 0;
    private static final byte NULL = 1;
    private static final byte MADE = 2;

    private final char[] separator;
    private final char sep0;
    private final boolean quoting;
    private final char quote;
    private final char escape;
    private final boolean trimLeading;
    private final boolean trimTrailing;
    private final String emptyValue;

    private char[] chars;
    private int count;
    private int[] starts = new int[16];
    private int[] ends = new int[16];
    private byte[] kinds = new byte[16];
    private String[] made = new String[16];
    private final StringBuilder builder = new StringBuilder();

    CsvTokenizer(CsvOptions options) {
        this.separator = options.separator.toCharArray();
        this.sep0 = separator[0];
        this.quoting = options.quoting;
        this.quote = options.quote;
        this.escape = options.escape;
        this.trimLeading = options.ignoreLeadingWhiteSpace;
        this.trimTrailing = options.ignoreTrailingWhiteSpace;
        this.emptyValue = options.emptyValueRead;
    }

    /** The number of fields of the last record. */
    int count() {
        return count;
    }

    /** Field {@code i} of the last record; null for an empty unquoted field. */
    String token(int i) {
        return switch (kinds[i]) {
            case SPAN -> new String(chars, starts[i], ends[i] - starts[i]);
            case NULL -> null;
            default -> made[i];
        };
    }

    private boolean separatorAt(char[] c, int i, int length) {
        if (c[i] != sep0) {
            return false;
        }
        if (separator.length == 1) {
            return true;
        }
        if (i + separator.length > length) {
            return false;
        }
        for (int k = 1; k < separator.length; k++) {
            if (c[i + k] != separator[k]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t';
    }

    private void add(byte kind, int start, int end, String value) {
        if (count == kinds.length) {
            int grown = count * 2;
            starts = Arrays.copyOf(starts, grown);
            ends = Arrays.copyOf(ends, grown);
            kinds = Arrays.copyOf(kinds, grown);
            made = Arrays.copyOf(made, grown);
        }
        kinds[count] = kind;
        starts[count] = start;
        ends[count] = end;
        made[count] = value;
        count++;
    }

    /**
     * Cuts {@code c[0, length)} into fields. Returns false when the record ends inside a quoted field (which then
     * holds the rest of the chars): a multi-line reader appends the next line and tries again.
     */
    boolean tokenize(char[] c, int length) {
        this.chars = c;
        count = 0;
        int sepLength = separator.length;
        int i = 0;
        while (true) {
            int p = i;
            if (trimLeading) {
                while (p < length && isWhitespace(c[p]) && !separatorAt(c, p, length)) {
                    p++;
                }
            }
            if (quoting && p < length && c[p] == quote) {
                int q = p + 1;
                int segment = q;
                boolean built = false;
                boolean closed = false;
                while (q < length) {
                    char ch = c[q];
                    if (ch == escape
                            && escape != quote
                            && q + 1 < length
                            && (c[q + 1] == quote || c[q + 1] == escape)) {
                        if (!built) {
                            builder.setLength(0);
                            built = true;
                        }
                        builder.append(c, segment, q - segment).append(c[q + 1]);
                        q += 2;
                        segment = q;
                        continue;
                    }
                    if (ch == quote) {
                        if (q + 1 < length && c[q + 1] == quote) {
                            if (!built) {
                                builder.setLength(0);
                                built = true;
                            }
                            builder.append(c, segment, q - segment).append(quote);
                            q += 2;
                            segment = q;
                            continue;
                        }
                        closed = true;
                        break;
                    }
                    q++;
                }
                if (!closed) {
                    if (built) {
                        builder.append(c, segment, length - segment);
                        add(MADE, 0, 0, builder.toString());
                    } else {
                        add(SPAN, segment, length, null);
                    }
                    return false;
                }
                int valueEnd = q;
                int r = q + 1;
                while (r < length && !separatorAt(c, r, length)) {
                    r++;
                }
                int junkEnd = r;
                if (trimTrailing) {
                    while (junkEnd > q + 1 && isWhitespace(c[junkEnd - 1])) {
                        junkEnd--;
                    }
                }
                boolean junk = junkEnd > q + 1;
                if (built || junk) {
                    if (!built) {
                        builder.setLength(0);
                    }
                    builder.append(c, segment, valueEnd - segment);
                    if (junk) {
                        builder.append(c, q + 1, junkEnd - q - 1);
                    }
                    add(MADE, 0, 0, builder.toString());
                } else if (valueEnd == segment) {
                    add(MADE, 0, 0, emptyValue);
                } else {
                    add(SPAN, segment, valueEnd, null);
                }
                if (r >= length) {
                    return true;
                }
                i = r + sepLength;
            } else {
                int r = p;
                if (sepLength == 1) {
                    while (r < length && c[r] != sep0) {
                        r++;
                    }
                } else {
                    while (r < length && !separatorAt(c, r, length)) {
                        r++;
                    }
                }
                int end = r;
                if (trimTrailing) {
                    while (end > p && isWhitespace(c[end - 1])) {
                        end--;
                    }
                }
                if (end == p) {
                    add(NULL, p, p, null);
                } else {
                    add(SPAN, p, end, null);
                }
                if (r >= length) {
                    return true;
                }
                i = r + sepLength;
            }
        }
    }
}
