package dev.ember.rdd;

import dev.ember.EmberContext;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.Partition;
import dev.ember.Partitioner;
import dev.ember.RDD;
import dev.ember.TaskContext;
import dev.ember.config.CoreConfig;
import dev.ember.executor.TaskContextImpl;
import dev.ember.files.FileInput;
import dev.ember.io.CompressionCodec;
import dev.ember.io.NoCompressionCodec;
import dev.ember.serializer.SerializationStream;
import dev.ember.serializer.Serializer;
import dev.ember.util.UniqueIds;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checkpointing: replacing an RDD's lineage by data saved after a job computed it.
 *
 * <ul>
 *   <li>Reliable: each partition is written to {@code <checkpoint dir>/rdd-<id>/part-NNNNN} (by a job, after the
 *       one that triggered it) and read back from there; survives the loss of any executor.
 *   <li>Local: the RDD is persisted with a disk-backed level and materialized; its lineage is then dropped and a
 *       lost block cannot be recomputed.
 * </ul>
 */
public final class CheckpointSupport {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointSupport.class);

    /** Whether and how an RDD is marked for checkpointing. */
    public enum Mark {
        NONE,
        RELIABLE,
        LOCAL
    }

    private CheckpointSupport() {}

    /**
     * Creates a unique sub-directory of {@code directory} for this application's reliable checkpoints and returns
     * its path.
     */
    public static String createDirectory(String directory) {
        Path path =
                FileInput.localPath(directory).resolve(UniqueIds.randomUuid().toString());
        try {
            Files.createDirectories(path);
        } catch (IOException e) {
            throw new EmberException(
                    ErrorClass.CHECKPOINT_FAILED,
                    "Cannot create checkpoint directory " + path + ": " + e.getMessage(),
                    e);
        }
        return path.toString();
    }

    /** Writes or materializes {@code rdd}'s partitions and returns the RDD that now stands for its lineage. */
    public static <T> RDD<T> checkpoint(RDD<T> rdd, Mark mark) {
        return mark == Mark.LOCAL ? localCheckpoint(rdd) : reliableCheckpoint(rdd);
    }

    /** Where a reliable checkpoint was written. */
    public static Optional<String> checkpointPath(RDD<?> checkpointRdd) {
        return checkpointRdd instanceof ReliableCheckpointRDD<?> reliable
                ? Optional.of(reliable.directory)
                : Optional.empty();
    }

    private static <T> RDD<T> reliableCheckpoint(RDD<T> rdd) {
        EmberContext context = rdd.context();
        Path directory = Path.of(context.getCheckpointDir().orElseThrow(), "rdd-" + rdd.id());
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new EmberException(
                    ErrorClass.CHECKPOINT_FAILED,
                    "Cannot create checkpoint directory " + directory + ": " + e.getMessage(),
                    e);
        }
        if (rdd.getStorageLevel() == dev.ember.StorageLevel.NONE) {
            LOG.warn("{} is checkpointed without being persisted: it is computed twice", rdd);
        }
        String target = directory.toString();
        boolean compress = context.conf().get(CoreConfig.CHECKPOINT_COMPRESS);
        context.runJob(rdd, (task, values) -> {
            writePartition((TaskContextImpl) task, target, compress, values);
            return null;
        });
        int expected = rdd.getNumPartitions();
        for (int i = 0; i < expected; i++) {
            if (!Files.exists(Path.of(target, fileName(i)))) {
                throw new EmberException(
                        ErrorClass.CHECKPOINT_FAILED,
                        "Checkpoint of " + rdd + " is missing " + fileName(i) + " in " + target);
            }
        }
        LOG.info("Checkpointed {} to {}", rdd, target);
        return new ReliableCheckpointRDD<>(
                context, target, expected, compress, rdd.partitioner().orElse(null));
    }

    private static String fileName(int index) {
        return String.format(Locale.ROOT, "part-%05d", index);
    }

    private static void writePartition(TaskContextImpl task, String directory, boolean compress, Iterator<?> values) {
        Path finalFile = Path.of(directory, fileName(task.partitionId()));
        Path attemptFile = Path.of(directory, "." + fileName(task.partitionId()) + "-attempt-" + task.taskAttemptId());
        CompressionCodec codec = compress ? CompressionCodec.fromConf(task.env().conf()) : NoCompressionCodec.INSTANCE;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(attemptFile), 64 * 1024)) {
            SerializationStream stream =
                    task.env().serializer().newInstance().serializeStream(codec.compressedOutputStream(out));
            stream.writeAll(values);
            stream.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to write checkpoint file " + attemptFile, e);
        }
        try {
            // Another attempt may have finished first; its file is as good as ours.
            Files.move(attemptFile, finalFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to commit checkpoint file " + finalFile, e);
        }
    }

    private static <T> RDD<T> localCheckpoint(RDD<T> rdd) {
        // Materialize every partition into the cache; already cached ones cost nothing.
        rdd.context().runJob(rdd, (task, values) -> {
            while (values.hasNext()) {
                values.next();
            }
            return null;
        });
        return new LocalCheckpointRDD<>(
                rdd.context(),
                rdd.id(),
                rdd.getNumPartitions(),
                rdd.partitioner().orElse(null));
    }

    private record CheckpointPartition(int index) implements Partition {}

    private static List<Partition> checkpointPartitions(int count) {
        List<Partition> partitions = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            partitions.add(new CheckpointPartition(i));
        }
        return partitions;
    }

    /** Reads partitions back from checkpoint files. */
    static final class ReliableCheckpointRDD<T> extends RDD<T> {
        private static final long serialVersionUID = 1L;

        private final String directory;
        private final int count;
        private final boolean compressed;
        private final Partitioner partitioner;

        ReliableCheckpointRDD(
                EmberContext context, String directory, int count, boolean compressed, Partitioner partitioner) {
            super(context, List.of());
            this.directory = directory;
            this.count = count;
            this.compressed = compressed;
            this.partitioner = partitioner;
        }

        @Override
        protected List<Partition> getPartitions() {
            return checkpointPartitions(count);
        }

        @Override
        protected Iterator<T> compute(Partition split, TaskContext context) {
            TaskContextImpl task = (TaskContextImpl) context;
            Path file = Path.of(directory, fileName(split.index()));
            if (!Files.exists(file)) {
                throw new EmberException(
                        ErrorClass.CHECKPOINT_FAILED,
                        "Checkpoint file " + file + " is missing: the checkpoint directory"
                                + " was changed or deleted");
            }
            try {
                InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
                CompressionCodec codec =
                        compressed ? CompressionCodec.fromConf(task.env().conf()) : NoCompressionCodec.INSTANCE;
                Serializer serializer = task.env().serializer();
                return serializer
                        .newInstance()
                        .deserializeStream(codec.compressedInputStream(in))
                        .asIterator();
            } catch (IOException e) {
                throw new EmberException(
                        ErrorClass.CHECKPOINT_FAILED, "Cannot read checkpoint file " + file + ": " + e.getMessage(), e);
            }
        }

        @Override
        public Optional<Partitioner> partitioner() {
            return Optional.ofNullable(partitioner);
        }
    }

    /** Stands for a locally checkpointed RDD: its data is only in the cache, so computing it is an error. */
    static final class LocalCheckpointRDD<T> extends RDD<T> {
        private static final long serialVersionUID = 1L;

        private final int originalId;
        private final int count;
        private final Partitioner partitioner;

        LocalCheckpointRDD(EmberContext context, int originalId, int count, Partitioner partitioner) {
            super(context, List.of());
            this.originalId = originalId;
            this.count = count;
            this.partitioner = partitioner;
        }

        @Override
        protected List<Partition> getPartitions() {
            return checkpointPartitions(count);
        }

        @Override
        protected Iterator<T> compute(Partition split, TaskContext context) {
            throw new EmberException(
                    ErrorClass.CHECKPOINT_FAILED,
                    "Checkpoint block rdd_" + originalId + "_" + split.index() + " not found: the executor that"
                            + " locally checkpointed this partition is gone, or the RDD was unpersisted. Use"
                            + " checkpoint() for data that must survive executor loss.");
        }

        @Override
        public Optional<Partitioner> partitioner() {
            return Optional.ofNullable(partitioner);
        }
    }
}
