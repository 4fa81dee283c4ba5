package dev.ember.sql.execution.adaptive;

import static java.util.Objects.requireNonNull;

import dev.ember.BlockShuffleDependency;
import dev.ember.MapOutputStatistics;
import dev.ember.RDD;
import dev.ember.rdd.BlockShuffledRDD;
import dev.ember.rdd.BlockShuffledRDD.ReadSpec;
import dev.ember.shuffle.api.BlockShuffleReader;
import dev.ember.sql.execution.ExecutedSubtrees;
import dev.ember.sql.execution.ExecutionContext;
import dev.ember.sql.execution.Partitioning;
import dev.ember.sql.execution.PhysicalPlan;
import dev.ember.sql.execution.operators.LeafExec;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.vector.ColumnBatch;
import dev.ember.util.ByteSizes;
import java.util.List;

/**
 * An exchange whose map side has run: its output sits in the shuffle, its size per reduce partition is known, and the
 * plan reads it like a leaf. How it is read is the adaptive planner's choice: as written (a partition per reduce
 * partition), several small reduce partitions at once, or a large one in pieces of its map outputs ({@link ReadSpec}).
 *
 * <p>What a task needs travels in the RDD this node makes, not in the node: its shuffle, the computed input and its
 * statistics stay on the driver.
 */
public final class QueryStageExec implements LeafExec, ExecutedSubtrees {
    private static final long serialVersionUID = 1L;

    private final int id;
    private final List<Attribute> output;
    private final Partitioning partitioning;
    private final String exchange;
    private final transient PhysicalPlan input;
    private final transient BlockShuffleDependency<ColumnBatch> dependency;
    private final transient BlockShuffleReader<ColumnBatch> reader;
    private final transient MapOutputStatistics statistics;
    private final List<ReadSpec> specs;
    private final String read;

    /**
     * The stage of an exchange ({@code output}, {@code partitioning}, described as {@code exchange}) whose map side,
     * computed from {@code input}, wrote {@code dependency} with {@code statistics}; read in {@code specs} (described
     * as {@code read}), or as written when null.
     */
    QueryStageExec(
            int id,
            List<Attribute> output,
            Partitioning partitioning,
            String exchange,
            PhysicalPlan input,
            BlockShuffleDependency<ColumnBatch> dependency,
            BlockShuffleReader<ColumnBatch> reader,
            MapOutputStatistics statistics,
            List<ReadSpec> specs,
            String read) {
        this.id = id;
        this.output = List.copyOf(output);
        this.partitioning = requireNonNull(partitioning, "partitioning is null");
        this.exchange = exchange;
        this.input = input;
        this.dependency = dependency;
        this.reader = reader;
        this.statistics = statistics;
        this.specs = specs == null ? null : List.copyOf(specs);
        this.read = read;
    }

    /** The same stage read in {@code specs}, described as {@code read} ("coalesced", "skewed"). */
    QueryStageExec withSpecs(List<ReadSpec> specs, String read) {
        return new QueryStageExec(
                id, output, partitioning, exchange, input, dependency, reader, statistics, specs, read);
    }

    public MapOutputStatistics statistics() {
        return statistics;
    }

    /** Whether it is read as written: no partition coalesced or split yet. */
    boolean readAsWritten() {
        return specs == null;
    }

    @Override
    public List<Attribute> output() {
        return output;
    }

    /**
     * As planned, with the partitions read: reduce partitions read together keep equal keys together (and ranges in
     * order); a reduce partition read by several tasks — in pieces, or whole by each task of the other side's pieces
     * in a split join — does not.
     */
    @Override
    public Partitioning outputPartitioning() {
        if (specs == null) {
            return partitioning;
        }
        int count = specs.size();
        boolean[] read = new boolean[statistics.numPartitions()];
        for (ReadSpec spec : specs) {
            if (spec.startMap() != 0 || spec.endMap() < statistics.numMaps()) {
                return new Partitioning.Unknown(count);
            }
            for (int reducer = spec.startReducer(); reducer < spec.endReducer(); reducer++) {
                if (read[reducer]) {
                    return new Partitioning.Unknown(count);
                }
                read[reducer] = true;
            }
        }
        if (partitioning instanceof Partitioning.Hash hash) {
            return new Partitioning.Hash(hash.expressions(), count);
        }
        if (partitioning instanceof Partitioning.Range range) {
            return new Partitioning.Range(range.ordering(), count);
        }
        return partitioning;
    }

    @Override
    public RDD<ColumnBatch> execute(ExecutionContext context) {
        if (dependency == null) {
            throw new IllegalStateException("Query stage " + id + " is read only on the driver that computed it");
        }
        return new BlockShuffledRDD<>(dependency, reader, specs);
    }

    @Override
    public List<PhysicalPlan> executedSubtrees() {
        return input == null ? List.of() : List.of(input);
    }

    @Override
    public String simpleString() {
        String text = "ShuffleQueryStage " + id + " (" + exchange + "), " + ByteSizes.format(statistics.totalBytes());
        if (specs != null) {
            text += ", read " + statistics.numPartitions() + " partitions as " + specs.size() + " (" + read + ")";
        }
        return text;
    }

    @Override
    public String toString() {
        return simpleString();
    }
}
