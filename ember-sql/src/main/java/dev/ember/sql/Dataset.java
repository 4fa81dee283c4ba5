package dev.ember.sql;

import static java.util.Objects.requireNonNull;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.RDD;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.NamedExpression;
import dev.ember.sql.expressions.SortOrder;
import dev.ember.sql.expressions.UnresolvedStar;
import dev.ember.sql.parser.SqlParser;
import dev.ember.sql.plans.logical.Distinct;
import dev.ember.sql.plans.logical.Filter;
import dev.ember.sql.plans.logical.Join;
import dev.ember.sql.plans.logical.JoinHint;
import dev.ember.sql.plans.logical.JoinStrategyHint;
import dev.ember.sql.plans.logical.JoinType;
import dev.ember.sql.plans.logical.Limit;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Offset;
import dev.ember.sql.plans.logical.Project;
import dev.ember.sql.plans.logical.SetOperation;
import dev.ember.sql.plans.logical.Sort;
import dev.ember.sql.plans.logical.SubqueryAlias;
import dev.ember.sql.plans.logical.Union;
import dev.ember.sql.types.Identifiers;
import dev.ember.sql.types.StructField;
import dev.ember.sql.types.StructType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A query of the DataFrame API: transformations build a new Dataset over this one's plan (nothing runs), actions
 * ({@code show}, {@code collectAsList}, {@code count}, {@code write}) run it. Each Dataset is analyzed when made, so a
 * wrong column name fails at the transformation that used it, as in Spark.
 *
 * @param <T> the element type; Ember's Datasets hold {@link Row}s
 */
public final class Dataset<T> implements TypedTransformations<T> {
    private final EmberSession session;
    private final QueryExecution execution;
    private final Encoder<T> encoder;

    /** An untyped Dataset: its values are {@link Row}s. */
    Dataset(EmberSession session, LogicalPlan plan) {
        this(session, plan, null);
    }

    /** A Dataset of values of {@code encoder}, whose columns are the encoder's ({@code null}: rows). */
    Dataset(EmberSession session, LogicalPlan plan, Encoder<T> encoder) {
        this.session = requireNonNull(session, "session is null");
        this.execution = new QueryExecution(session, plan);
        execution.analyzed();
        this.encoder = encoder;
    }

    /** The encoder of this Dataset's values: the one it was made with, or rows of its schema. */
    @SuppressWarnings("unchecked")
    public Encoder<T> encoder() {
        return encoder != null ? encoder : (Encoder<T>) Encoders.row(schema());
    }

    /** A Dataset over {@code plan}, whose columns are this one's, of the same values. */
    private Dataset<T> typed(LogicalPlan plan) {
        return new Dataset<>(session, plan, encoder);
    }

    static Dataset<Row> ofRows(EmberSession session, LogicalPlan plan) {
        return new Dataset<>(session, plan);
    }

    private Dataset<Row> derive(LogicalPlan plan) {
        return new Dataset<>(session, plan);
    }

    private LogicalPlan plan() {
        return execution.analyzed();
    }

    public EmberSession sparkSession() {
        return session;
    }

    public EmberSession session() {
        return session;
    }

    public QueryExecution queryExecution() {
        return execution;
    }

    // ---- schema

    public StructType schema() {
        return execution.schema();
    }

    public String[] columns() {
        return schema().fieldNames();
    }

    /** Each column's name and type as {@code [name, type]}. */
    public List<String[]> dtypes() {
        List<String[]> types = new ArrayList<>();
        for (StructField field : schema()) {
            types.add(new String[] {field.name(), field.dataType().simpleString()});
        }
        return types;
    }

    public void printSchema() {
        System.out.print(schema().treeString());
    }

    /** This Dataset's column of that name, bound to it: unambiguous in a join of two Datasets that share names. */
    public Column col(String name) {
        if (name.equals("*")) {
            return new Column(new UnresolvedStar(List.of()));
        }
        List<String> parts = SqlParser.get().parseMultipartIdentifier(name);
        for (Attribute attribute : plan().output()) {
            if (parts.size() == 1 && Identifiers.normalize(attribute.name()).equals(Identifiers.normalize(name))) {
                return new Column(attribute);
            }
        }
        return new Column(name);
    }

    public Column apply(String name) {
        return col(name);
    }

    // ---- transformations

    public Dataset<Row> select(Column... columns) {
        List<NamedExpression> list = new ArrayList<>();
        for (Column column : columns) {
            list.add(column.named());
        }
        return derive(new Project(list, plan()));
    }

    public Dataset<Row> select(String column, String... more) {
        return select(Column.named(column, more));
    }

    /** A select list written as SQL: {@code selectExpr("a + 1 AS b", "upper(c)")}. */
    public Dataset<Row> selectExpr(String... expressions) {
        Column[] columns = new Column[expressions.length];
        for (int i = 0; i < expressions.length; i++) {
            columns[i] = functions.expr(expressions[i]);
        }
        return select(columns);
    }

    public Dataset<T> filter(Column condition) {
        return typed(new Filter(condition.expr(), plan()));
    }

    /** A condition written as SQL: {@code filter("a > 1 AND b IS NOT NULL")}. */
    public Dataset<T> filter(String condition) {
        return filter(functions.expr(condition));
    }

    public Dataset<T> where(Column condition) {
        return filter(condition);
    }

    public Dataset<T> where(String condition) {
        return filter(condition);
    }

    /** Adds a column, or replaces the one of that name (in place). */
    public Dataset<Row> withColumn(String name, Column column) {
        return derive(ColumnEdits.withColumn(plan(), name, column));
    }

    /** Renames a column; a name that is not there leaves the Dataset as it is, as in Spark. */
    public Dataset<Row> withColumnRenamed(String existing, String renamed) {
        return derive(ColumnEdits.withColumnRenamed(plan(), existing, renamed));
    }

    /** Drops the named columns; names that are not there are ignored, as in Spark. */
    public Dataset<Row> drop(String... names) {
        return derive(ColumnEdits.drop(plan(), names));
    }

    public Dataset<Row> drop(Column column) {
        return derive(ColumnEdits.drop(plan(), column));
    }

    public RelationalGroupedDataset groupBy(Column... columns) {
        List<Expression> grouping = new ArrayList<>();
        for (Column column : columns) {
            grouping.add(column.expr());
        }
        return new RelationalGroupedDataset(session, plan(), grouping);
    }

    public RelationalGroupedDataset groupBy(String column, String... more) {
        return groupBy(Column.named(column, more));
    }

    /** Groups by every prefix of the columns, longest first: {@code rollup(a, b)} is (a, b), (a) and (). */
    public RelationalGroupedDataset rollup(Column... columns) {
        return RelationalGroupedDataset.rollup(session, plan(), columns);
    }

    public RelationalGroupedDataset rollup(String column, String... more) {
        return rollup(Column.named(column, more));
    }

    /** Groups by every subset of the columns: {@code cube(a, b)} is (a, b), (a), (b) and (). */
    public RelationalGroupedDataset cube(Column... columns) {
        return RelationalGroupedDataset.cube(session, plan(), columns);
    }

    public RelationalGroupedDataset cube(String column, String... more) {
        return cube(Column.named(column, more));
    }

    /** Aggregates the whole Dataset as one group: {@code agg(sum("a"), max("b"))}. */
    public Dataset<Row> agg(Column aggregate, Column... more) {
        return groupBy().agg(aggregate, more);
    }

    public Dataset<Row> join(Dataset<?> right) {
        return derive(new Join(plan(), right.plan(), JoinType.INNER, null));
    }

    public Dataset<Row> crossJoin(Dataset<?> right) {
        return derive(new Join(plan(), right.plan(), JoinType.CROSS, null));
    }

    /** An inner join on the columns both sides have of that name, shown once. */
    public Dataset<Row> join(Dataset<?> right, String usingColumn) {
        return join(right, List.of(usingColumn), "inner");
    }

    public Dataset<Row> join(Dataset<?> right, List<String> usingColumns) {
        return join(right, usingColumns, "inner");
    }

    public Dataset<Row> join(Dataset<?> right, List<String> usingColumns, String joinType) {
        return derive(new Join(
                plan(), right.plan(), ColumnEdits.joinType(joinType), null, usingColumns, false, JoinHint.NONE));
    }

    public Dataset<Row> join(Dataset<?> right, Column condition) {
        return join(right, condition, "inner");
    }

    /**
     * A join of the given type: {@code inner}, {@code cross}, {@code left} / {@code left_outer}, {@code right},
     * {@code full} / {@code outer}, {@code left_semi} / {@code semi}, {@code left_anti} / {@code anti}.
     */
    public Dataset<Row> join(Dataset<?> right, Column condition, String joinType) {
        JoinType type = ColumnEdits.joinType(joinType);
        LogicalPlan unconditioned =
                derive(new Join(plan(), right.plan(), type, null)).plan();
        LogicalPlan newRight = unconditioned.children().get(1);
        Expression rewritten = SelfJoins.condition(condition.expr(), plan(), right.plan(), newRight);
        return derive(new Join(plan(), newRight, type, rewritten));
    }

    /** A hint for the planner: {@code "broadcast"} broadcasts this Dataset when joined, {@code "merge"} sort-merges. */
    public Dataset<Row> hint(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "broadcast", "broadcastjoin", "mapjoin" ->
                derive(new JoinStrategyHint(JoinStrategyHint.Strategy.BROADCAST, plan()));
            case "merge", "shuffle_merge", "mergejoin" ->
                derive(new JoinStrategyHint(JoinStrategyHint.Strategy.MERGE, plan()));
            default ->
                throw new EmberException(
                        ErrorClass.UNSUPPORTED_FEATURE, "Ember knows the hints broadcast and merge, not " + name);
        };
    }

    /** This Dataset under a name, so its columns can be qualified: {@code df.as("a")} then {@code col("a.x")}. */
    public Dataset<Row> alias(String alias) {
        return derive(new SubqueryAlias(alias, plan()));
    }

    public Dataset<Row> as(String alias) {
        return alias(alias);
    }

    public Dataset<T> orderBy(Column... columns) {
        return sort(columns);
    }

    public Dataset<T> orderBy(String column, String... more) {
        return sort(column, more);
    }

    public Dataset<T> sort(Column... columns) {
        List<SortOrder> order = new ArrayList<>();
        for (Column column : columns) {
            Expression expression = column.expr();
            order.add(expression instanceof SortOrder key ? key : SortOrder.ascending(expression));
        }
        return typed(new Sort(order, true, plan()));
    }

    public Dataset<T> sort(String column, String... more) {
        return sort(Column.named(column, more));
    }

    /** The rows dealt out in turn over {@code n} partitions (a shuffle); {@link #coalesce} merges without one. */
    public Dataset<T> repartition(int n) {
        return typed(Repartitions.roundRobin(n, plan()));
    }

    /** The rows hashed by {@code columns} into {@code n} partitions (0: {@code ember.sql.shuffle.partitions}). */
    public Dataset<T> repartition(int n, Column... columns) {
        return typed(Repartitions.hash(n, columns, plan()));
    }

    public Dataset<T> repartition(Column... columns) {
        return repartition(0, columns);
    }

    /** The rows in ranges of {@code columns}' order (ascending unless a column says otherwise) over {@code n}. */
    public Dataset<T> repartitionByRange(int n, Column... columns) {
        return typed(Repartitions.range(n, columns, plan()));
    }

    /** Neighbouring partitions merged into at most {@code n}, without a shuffle. */
    public Dataset<T> coalesce(int n) {
        return typed(Repartitions.coalesce(n, plan()));
    }

    public Dataset<T> limit(int n) {
        if (n < 0) {
            throw new EmberException(ErrorClass.INVALID_ARGUMENT, "A limit must not be negative, not " + n);
        }
        return typed(new Limit(n, plan()));
    }

    public Dataset<Row> offset(int n) {
        if (n < 0) {
            throw new EmberException(ErrorClass.INVALID_ARGUMENT, "An offset must not be negative, not " + n);
        }
        return derive(new Offset(n, plan()));
    }

    public Dataset<T> distinct() {
        return typed(new Distinct(plan()));
    }

    public Dataset<T> dropDuplicates() {
        return distinct();
    }

    /** One row per distinct value of the named columns (the first met of each; which one is not defined). */
    public Dataset<Row> dropDuplicates(String... columns) {
        return new RelationalGroupedDataset(session, plan(), List.of()).dropDuplicates(Arrays.asList(columns));
    }

    /** UNION ALL by position, as Spark's {@code union}. */
    public Dataset<T> union(Dataset<?> other) {
        return typed(new Union(plan(), other.plan()));
    }

    public Dataset<T> unionAll(Dataset<?> other) {
        return union(other);
    }

    public Dataset<Row> unionByName(Dataset<?> other) {
        return unionByName(other, false);
    }

    public Dataset<Row> unionByName(Dataset<?> other, boolean allowMissingColumns) {
        return derive(new Union(List.of(plan(), other.plan()), true, allowMissingColumns));
    }

    public Dataset<Row> except(Dataset<?> other) {
        return derive(new SetOperation(SetOperation.Kind.EXCEPT, false, plan(), other.plan()));
    }

    public Dataset<Row> exceptAll(Dataset<?> other) {
        return derive(new SetOperation(SetOperation.Kind.EXCEPT, true, plan(), other.plan()));
    }

    public Dataset<Row> intersect(Dataset<?> other) {
        return derive(new SetOperation(SetOperation.Kind.INTERSECT, false, plan(), other.plan()));
    }

    public Dataset<Row> intersectAll(Dataset<?> other) {
        return derive(new SetOperation(SetOperation.Kind.INTERSECT, true, plan(), other.plan()));
    }

    public DataFrameNaFunctions na() {
        return new DataFrameNaFunctions(this);
    }

    /** count, mean, stddev, min and max of the numeric and string columns (or of the named ones), as strings. */
    /**
     * Statistics of the numeric and string columns, one row per statistic: by default count, mean, stddev, min, the
     * 25%, 50% and 75% percentiles (approximate) and max; or those named ({@code count_distinct},
     * {@code approx_count_distinct} and any percentile such as {@code "90%"} too).
     */
    public Dataset<Row> summary(String... statistics) {
        return Describe.of(this, statistics.length == 0 ? Describe.SUMMARY : List.of(statistics));
    }

    public Dataset<Row> describe(String... columns) {
        return Describe.of(this, columns);
    }

    // ---- actions

    /** Every value, in the driver: rows, or the typed values of its encoder. */
    public List<T> collectAsList() {
        Encoder<T> values = encoder();
        List<T> result = new ArrayList<>();
        for (Object[] row : execution.collectInternal()) {
            result.add(values.fromRow(row));
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    public T[] collect() {
        List<T> all = collectAsList();
        return all.toArray((T[]) java.lang.reflect.Array.newInstance(encoder().clazz(), all.size()));
    }

    public long count() {
        Dataset<Row> counted = derive(new Project(List.of(), plan())).agg(functions.count("*"));
        return counted.collectAsList().get(0).getLong(0);
    }

    public List<T> takeAsList(int n) {
        return limit(n).collectAsList();
    }

    @SuppressWarnings("unchecked")
    public T[] take(int n) {
        List<T> some = takeAsList(n);
        return some.toArray((T[]) java.lang.reflect.Array.newInstance(encoder().clazz(), some.size()));
    }

    public T[] head(int n) {
        return take(n);
    }

    /** The first value; fails if there is none. */
    public T first() {
        List<T> values = takeAsList(1);
        if (values.isEmpty()) {
            throw new EmberException(ErrorClass.INVALID_ARGUMENT, "first() of an empty Dataset");
        }
        return values.get(0);
    }

    public T head() {
        return first();
    }

    public boolean isEmpty() {
        return takeAsList(1).isEmpty();
    }

    public void show() {
        show(20, true);
    }

    public void show(int numRows) {
        show(numRows, true);
    }

    public void show(boolean truncate) {
        show(20, truncate);
    }

    public void show(int numRows, boolean truncate) {
        System.out.print(showString(numRows, truncate ? session.conf().get(SqlConfig.MAX_TO_STRING_FIELDS) : 0));
    }

    /** The table {@code show} prints: at most {@code numRows} rows, cells cut at {@code truncate} characters (0 none). */
    public String showString(int numRows, int truncate) {
        List<Row> rows = derive(new Limit(numRows + 1, plan())).collectAsList();
        return ShowTable.render(schema(), rows, numRows, truncate, session.timeZone());
    }

    public String explainString(boolean extended) {
        return execution.explain(extended);
    }

    public void explain() {
        explain(false);
    }

    public void explain(boolean extended) {
        System.out.print(explainString(extended));
    }

    /** The rows as an RDD (each task converts its batches to rows). */
    public RDD<Row> toRdd() {
        StructType schema = schema();
        return execution.toBatches().mapPartitions(batches -> RowIterator.of(batches, schema));
    }

    public RDD<Row> rdd() {
        return toRdd();
    }

    public Dataset<Row> toDF() {
        return derive(plan());
    }

    /** The columns renamed by position. */
    public Dataset<Row> toDF(String... names) {
        List<Attribute> output = plan().output();
        if (names.length != output.size()) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    "toDF got " + names.length + " names for " + output.size() + " columns "
                            + Arrays.asList(columns()));
        }
        List<NamedExpression> list = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            list.add(dev.ember.sql.expressions.Alias.of(output.get(i), names[i]));
        }
        return derive(new Project(list, plan()));
    }

    public void createOrReplaceTempView(String name) {
        session.sessionCatalog().tempViews().create(name, plan(), true);
    }

    public void createTempView(String name) {
        session.sessionCatalog().tempViews().create(name, plan(), false);
    }

    public void createOrReplaceGlobalTempView(String name) {
        session.sessionCatalog().globalTempViews().create(name, plan(), true);
    }

    public void createGlobalTempView(String name) {
        session.sessionCatalog().globalTempViews().create(name, plan(), false);
    }

    /** Keeps the result in memory (and on disk when memory is short) once it is first computed. */
    public Dataset<T> cache() {
        session.cacheManager().cache(this, dev.ember.StorageLevel.MEMORY_AND_DISK);
        return this;
    }

    public Dataset<T> persist() {
        return cache();
    }

    public Dataset<T> persist(dev.ember.StorageLevel level) {
        session.cacheManager().cache(this, level);
        return this;
    }

    public Dataset<T> unpersist() {
        session.cacheManager().uncache(plan());
        return this;
    }

    public Dataset<T> unpersist(boolean blocking) {
        return unpersist();
    }

    LogicalPlan analyzedPlan() {
        return plan();
    }

    public DataFrameWriter write() {
        return new DataFrameWriter(this);
    }

    @Override
    public String toString() {
        List<String> fields = new ArrayList<>();
        for (StructField field : schema()) {
            fields.add(field.name() + ": " + field.dataType().simpleString());
        }
        return "[" + String.join(", ", fields) + "]";
    }
}
