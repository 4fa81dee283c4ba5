package dev.ember.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The command line's list of TPC-H queries: numbers and ranges, {@code 1-22} or {@code 1,6,14-16}. */
final class TpchOptions {
    private TpchOptions() {}

    static List<Integer> queries(String list) {
        Set<Integer> queries = new LinkedHashSet<>();
        for (String part : list.split(",")) {
            String item = part.trim();
            int dash = item.indexOf('-');
            try {
                int from = Integer.parseInt(
                        dash < 0 ? item : item.substring(0, dash).trim());
                int to = dash < 0
                        ? from
                        : Integer.parseInt(item.substring(dash + 1).trim());
                if (from < 1 || to > 22 || from > to) {
                    throw new IllegalArgumentException(
                            "TPC-H queries are numbered 1 to 22: '" + item + "' in --tpch-queries " + list);
                }
                for (int q = from; q <= to; q++) {
                    queries.add(q);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected a query number or a range such as 1-22, got '" + item
                        + "' in --tpch-queries " + list);
            }
        }
        return new ArrayList<>(queries);
    }
}
