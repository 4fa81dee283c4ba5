package dev.ember.sql;

import dev.ember.RDD;
import dev.ember.StorageLevel;
import dev.ember.sql.execution.BoundExpressions;
import dev.ember.sql.execution.scan.InMemorySource;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Plans;
import dev.ember.sql.plans.logical.SourceRelation;
import dev.ember.sql.types.DataType;
import dev.ember.sql.vector.ColumnBatch;
import java.util.ArrayList;
import java.util.List;

/**
 * The cached results of a session: {@code Dataset.cache()} registers the Dataset's analyzed plan; any later query
 * whose plan contains that plan reads the cached batches instead of computing it again. Batches are kept serialized
 * (compact, and able to go to disk when memory is short), computed the first time a query needs them.
 */
final class CacheManager {
    private record Entry(LogicalPlan plan, InMemorySource source, StorageLevel level, String name) {}

    private final List<Entry> entries = new ArrayList<>();

    void cache(Dataset<?> dataset, StorageLevel level) {
        cache(dataset, level, "cached " + dataset.toString());
    }

    /** Caches the Dataset's batches, its RDD named {@code name} in the storage listing. */
    void cache(Dataset<?> dataset, StorageLevel level, String name) {
        LogicalPlan plan = dataset.analyzedPlan();
        if (isCached(plan)) {
            return;
        }
        List<DataType> types = BoundExpressions.types(plan.output());
        // The plan is computed without this cache entry (it is not registered yet), and outside the lock: an adaptive
        // plan runs its map stages here, and other queries must not wait for them to look up the cache.
        RDD<ColumnBatch> batches = dataset.queryExecution().toBatches();
        RDD<byte[]> serialized =
                batches.mapPartitions(iterator -> dev.ember.sql.execution.SerializedBatches.serialize(iterator, types));
        serialized.setName(name);
        synchronized (this) {
            if (entries.stream().anyMatch(entry -> matches(entry.plan(), plan))) {
                return;
            }
            serialized.persist(level);
            entries.add(new Entry(
                    plan, new InMemorySource(serialized, types, plan.output(), dataset.toString()), level, name));
        }
    }

    synchronized void uncache(LogicalPlan plan) {
        entries.removeIf(entry -> {
            if (matches(entry.plan(), plan)) {
                entry.source().rdd().unpersist();
                return true;
            }
            return false;
        });
    }

    /**
     * Forgets what is cached of the table {@code table} (its qualified name) after a write changed its files: cached
     * queries that read it are dropped, and the table itself, if it was cached, is cached again from its new files
     * (lazily, on its next use), as Spark refreshes a cached table.
     */
    void refreshTable(EmberSession session, String table) {
        List<Entry> stale = new ArrayList<>();
        synchronized (this) {
            entries.removeIf(entry -> {
                if (readsTable(entry.plan(), table)) {
                    stale.add(entry);
                    return true;
                }
                return false;
            });
        }
        for (Entry entry : stale) {
            entry.source().rdd().unpersist();
            if (entry.plan() instanceof dev.ember.sql.plans.logical.SubqueryAlias alias
                    && alias.child() instanceof SourceRelation) {
                cache(session.table(table), entry.level(), entry.name());
            }
        }
    }

    private static boolean readsTable(LogicalPlan plan, String table) {
        if (plan instanceof SourceRelation relation
                && relation.source() instanceof dev.ember.sql.execution.scan.FileSourceRelation files
                && table.equals(files.table())) {
            return true;
        }
        for (LogicalPlan child : plan.children()) {
            if (readsTable(child, table)) {
                return true;
            }
        }
        return false;
    }

    synchronized void clear() {
        for (Entry entry : entries) {
            entry.source().rdd().unpersist();
        }
        entries.clear();
    }

    synchronized boolean isCached(LogicalPlan plan) {
        return entries.stream().anyMatch(entry -> matches(entry.plan(), plan));
    }

    /**
     * Whether {@code node} computes what {@code cached} did: the same plan, or a read of the same table over the same
     * files (each lookup of a table gives its columns new ids, and statistics do not change the rows).
     */
    private static boolean matches(LogicalPlan cached, LogicalPlan node) {
        if (cached.equals(node)) {
            return true;
        }
        return cached instanceof dev.ember.sql.plans.logical.SubqueryAlias a
                && node instanceof dev.ember.sql.plans.logical.SubqueryAlias b
                && a.alias().equals(b.alias())
                && a.child() instanceof SourceRelation x
                && b.child() instanceof SourceRelation y
                && x.pushedFilters().isEmpty()
                && y.pushedFilters().isEmpty()
                && x.output().size() == y.output().size()
                && x.source() instanceof dev.ember.sql.execution.scan.FileSourceRelation p
                && y.source() instanceof dev.ember.sql.execution.scan.FileSourceRelation q
                && p.table() != null
                && p.withStatistics(null).equals(q.withStatistics(null));
    }

    /** {@code plan} with each subtree that is cached replaced by a scan of the cache. */
    synchronized LogicalPlan useCached(LogicalPlan plan) {
        if (entries.isEmpty()) {
            return plan;
        }
        return Plans.transformDown(plan, node -> {
            for (Entry entry : entries) {
                if (entry.plan().equals(node)) {
                    return new SourceRelation(entry.source(), node.output(), List.of());
                }
                if (matches(entry.plan(), node)) {
                    // The same table read anew: the cache's columns under this read's ids.
                    List<dev.ember.sql.expressions.NamedExpression> renamed = new ArrayList<>();
                    List<dev.ember.sql.expressions.Attribute> cachedColumns =
                            entry.plan().output();
                    for (int i = 0; i < cachedColumns.size(); i++) {
                        var wanted = node.output().get(i);
                        renamed.add(new dev.ember.sql.expressions.Alias(
                                cachedColumns.get(i), wanted.name(), wanted.exprId(), wanted.qualifier()));
                    }
                    return new dev.ember.sql.plans.logical.Project(
                            renamed, new SourceRelation(entry.source(), cachedColumns, List.of()));
                }
            }
            return node;
        });
    }
}
