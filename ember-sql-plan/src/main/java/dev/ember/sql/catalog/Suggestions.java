package dev.ember.sql.catalog;

import dev.ember.sql.types.Identifiers;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** "Did you mean" for names that find nothing: the known names closest to it by edit distance. */
public final class Suggestions {
    private static final int MAX_SUGGESTIONS = 5;

    private Suggestions() {}

    /** {@code "; did you mean one of [a, b]?"}, or {@code ""} when there is nothing close enough to suggest. */
    public static String didYouMean(String name, Collection<String> known) {
        List<String> close = closest(name, known);
        if (close.isEmpty()) {
            return "";
        }
        return close.size() == 1 ? "; did you mean " + close.get(0) + "?" : "; did you mean one of " + close + "?";
    }

    /** Up to five known names, closest first, within about a third of the name's length in edits. */
    public static List<String> closest(String name, Collection<String> known) {
        String wanted = Identifiers.normalize(name);
        int limit = Math.max(2, wanted.length() / 3 + 1);
        List<String> candidates = new ArrayList<>();
        for (String candidate : known) {
            if (closeness(wanted, candidate) <= limit) {
                candidates.add(candidate);
            }
        }
        candidates.sort(Comparator.comparingInt((String candidate) -> closeness(wanted, candidate))
                .thenComparing(Comparator.naturalOrder()));
        return candidates.size() > MAX_SUGGESTIONS ? candidates.subList(0, MAX_SUGGESTIONS) : candidates;
    }

    /** The distance to a candidate, or to its last part when the name asked for has no qualifier ({@code t.name}). */
    private static int closeness(String wanted, String candidate) {
        String normalized = Identifiers.normalize(candidate);
        int distance = distance(wanted, normalized);
        int dot = normalized.lastIndexOf('.');
        if (!wanted.contains(".") && dot >= 0) {
            distance = Math.min(distance, distance(wanted, normalized.substring(dot + 1)));
        }
        return distance;
    }

    /** The Levenshtein (edit) distance between {@code a} and {@code b}; also SQL's {@code levenshtein}. */
    public static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
