package dev.ember.sql.golden;

import java.util.ArrayList;
import java.util.List;

/** A unified diff of two short texts (golden blocks), from their longest common subsequence of lines. */
final class UnifiedDiff {
    private static final int CONTEXT = 3;

    private UnifiedDiff() {}

    static String diff(String fromName, String toName, List<String> from, List<String> to) {
        int n = from.size();
        int m = to.size();
        int[][] common = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                common[i][j] = from.get(i).equals(to.get(j))
                        ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        // One edit script: ' ' kept, '-' only in from, '+' only in to; with the line's index on each side.
        List<char[]> ops = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        List<int[]> positions = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && from.get(i).equals(to.get(j))) {
                ops.add(new char[] {' '});
                texts.add(from.get(i));
                positions.add(new int[] {i++, j++});
            } else if (j < m && (i == n || common[i][j + 1] >= common[i + 1][j])) {
                ops.add(new char[] {'+'});
                texts.add(to.get(j));
                positions.add(new int[] {i, j++});
            } else {
                ops.add(new char[] {'-'});
                texts.add(from.get(i));
                positions.add(new int[] {i++, j});
            }
        }
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(fromName).append('\n');
        out.append("+++ ").append(toName).append('\n');
        int k = 0;
        while (k < ops.size()) {
            if (ops.get(k)[0] == ' ') {
                k++;
                continue;
            }
            int start = Math.max(0, k - CONTEXT);
            int end = k;
            // Extend the hunk while changes are within 2 * CONTEXT lines of each other.
            int lastChange = k;
            while (end < ops.size()) {
                if (ops.get(end)[0] != ' ') {
                    lastChange = end;
                } else if (end - lastChange > 2 * CONTEXT) {
                    break;
                }
                end++;
            }
            end = Math.min(ops.size(), lastChange + CONTEXT + 1);
            int fromStart = positions.get(start)[0];
            int toStart = positions.get(start)[1];
            int fromCount = 0;
            int toCount = 0;
            StringBuilder hunk = new StringBuilder();
            for (int h = start; h < end; h++) {
                char op = ops.get(h)[0];
                if (op != '+') {
                    fromCount++;
                }
                if (op != '-') {
                    toCount++;
                }
                hunk.append(op).append(texts.get(h)).append('\n');
            }
            out.append("@@ -")
                    .append(fromStart + 1)
                    .append(',')
                    .append(fromCount)
                    .append(" +")
                    .append(toStart + 1)
                    .append(',')
                    .append(toCount)
                    .append(" @@\n")
                    .append(hunk);
            k = end;
        }
        return out.toString();
    }
}
