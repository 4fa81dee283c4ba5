package dev.ember.rdd;

import dev.ember.EmberContext;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.Pair;
import dev.ember.Partition;
import dev.ember.RDD;
import dev.ember.TaskContext;
import dev.ember.files.FileInput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;

/**
 * Whole files as (path, content) pairs; the path is a {@code file:} URI. Files are grouped into at most
 * {@code minPartitions} partitions of similar total size. Each file is read into memory whole.
 */
public final class WholeTextFilesRDD extends RDD<Pair<String, String>> {
    private static final long serialVersionUID = 1L;

    private final String paths;
    private final int minPartitions;

    private record FileGroup(int index, String[] files) implements Partition {}

    public WholeTextFilesRDD(EmberContext context, String paths, int minPartitions) {
        super(context, List.of());
        this.paths = paths;
        this.minPartitions = minPartitions;
        setName(paths);
    }

    @Override
    protected List<Partition> getPartitions() {
        List<Path> files = new ArrayList<>(FileInput.listFiles(paths));
        long[] sizes = new long[files.size()];
        for (int i = 0; i < files.size(); i++) {
            try {
                sizes[i] = Files.size(files.get(i));
            } catch (IOException e) {
                throw new EmberException(
                        ErrorClass.INPUT_READ_FAILED, "Cannot read file:" + files.get(i) + ": " + e.getMessage(), e);
            }
        }
        int groups = Math.max(1, Math.min(minPartitions, files.size()));
        List<List<String>> assigned = new ArrayList<>();
        long[] totals = new long[groups];
        for (int i = 0; i < groups; i++) {
            assigned.add(new ArrayList<>());
        }
        // Largest first into the lightest group keeps groups even.
        Integer[] order = new Integer[files.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(sizes[b], sizes[a]));
        for (int index : order) {
            int lightest = 0;
            for (int g = 1; g < groups; g++) {
                if (totals[g] < totals[lightest]) {
                    lightest = g;
                }
            }
            assigned.get(lightest).add(files.get(index).toString());
            totals[lightest] += sizes[index];
        }
        List<Partition> partitions = new ArrayList<>();
        for (List<String> group : assigned) {
            if (!group.isEmpty() || partitions.isEmpty()) {
                group.sort(null);
                partitions.add(new FileGroup(partitions.size(), group.toArray(new String[0])));
            }
        }
        return partitions;
    }

    @Override
    protected Iterator<Pair<String, String>> compute(Partition split, TaskContext context) {
        String[] files = ((FileGroup) split).files();
        return new Iterator<>() {
            private int position;

            @Override
            public boolean hasNext() {
                context.killTaskIfInterrupted();
                return position < files.length;
            }

            @Override
            public Pair<String, String> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Path file = Path.of(files[position++]);
                try (InputStream in = file.getFileName().toString().endsWith(".gz")
                        ? new GZIPInputStream(Files.newInputStream(file))
                        : Files.newInputStream(file)) {
                    byte[] bytes = in.readAllBytes();
                    context.taskMetrics().inputMetrics().incBytesRead(bytes.length);
                    context.taskMetrics().inputMetrics().incRecordsRead(1);
                    return Pair.of(file.toUri().toString(), new String(bytes, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new EmberException(
                            ErrorClass.INPUT_READ_FAILED, "Cannot read file:" + file + ": " + e.getMessage(), e);
                }
            }
        };
    }
}
