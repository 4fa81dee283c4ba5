package dev.ember.sql.execution.scan;

import dev.ember.sql.sources.FileSplit;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits packed into tasks: in order, each task taking splits until it holds {@code maxBytes} (counting a small
 * per-file cost, as opening a file is not free), but never fewer tasks than there are cores while there are splits
 * enough.
 */
final class ScanTasks {
    private static final long OPEN_COST_BYTES = 4L << 20;

    private ScanTasks() {}

    static List<List<FileSplit>> pack(List<FileSplit> splits, long maxBytes, int parallelism) {
        long total = 0;
        for (FileSplit split : splits) {
            total += split.length() + OPEN_COST_BYTES;
        }
        long perTask = Math.max(OPEN_COST_BYTES, Math.min(maxBytes, total / Math.max(1, parallelism)));
        List<List<FileSplit>> tasks = new ArrayList<>();
        List<FileSplit> current = new ArrayList<>();
        long bytes = 0;
        for (FileSplit split : splits) {
            long cost = split.length() + OPEN_COST_BYTES;
            if (!current.isEmpty() && bytes + cost > perTask) {
                tasks.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(split);
            bytes += cost;
        }
        if (!current.isEmpty()) {
            tasks.add(current);
        }
        return tasks;
    }
}
