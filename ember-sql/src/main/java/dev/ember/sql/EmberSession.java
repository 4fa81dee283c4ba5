package dev.ember.sql;

import static java.util.Objects.requireNonNull;

import dev.ember.EmberConf;
import dev.ember.EmberContext;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.analysis.AnalysisContext;
import dev.ember.sql.catalog.FunctionContext;
import dev.ember.sql.catalog.FunctionRegistry;
import dev.ember.sql.catalog.SessionCatalog;
import dev.ember.sql.catalog.TempViews;
import dev.ember.sql.execution.ExecutionContext;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.AttributeReference;
import dev.ember.sql.expressions.InternalRow;
import dev.ember.sql.library.BuiltinFunctions;
import dev.ember.sql.parser.SqlParser;
import dev.ember.sql.plans.logical.LocalRelation;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Range;
import dev.ember.sql.plans.logical.UnresolvedRelation;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.StructField;
import dev.ember.sql.types.StructType;
import dev.ember.sql.warehouse.WarehouseCatalog;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

/**
 * The entry point of SQL and DataFrames: {@code EmberSession.builder().master("local[2]").getOrCreate()}. A session
 * runs on an {@link EmberContext} (the JVM's active one if there is one, otherwise a new one it owns) and holds its own
 * temporary views, functions and settings; sessions of one context share its global temporary views.
 *
 * <p>Safe for use by several threads.
 */
public final class EmberSession implements AutoCloseable {
    private static final Object LOCK = new Object();
    private static final Map<EmberContext, TempViews> GLOBAL_VIEWS = new WeakHashMap<>();
    private static volatile EmberSession active;

    private final EmberContext context;
    private final boolean ownsContext;
    private final RuntimeConfig conf;
    private final SessionCatalog catalog;
    private final Catalog catalogApi;
    private final UDFRegistration udf;
    private final CacheManager cacheManager = new CacheManager();

    private EmberSession(EmberContext context, boolean ownsContext, Map<String, String> settings) {
        this.context = requireNonNull(context, "context is null");
        this.ownsContext = ownsContext;
        this.conf = new RuntimeConfig(context.conf());
        settings.forEach(conf::set);
        TempViews global;
        synchronized (LOCK) {
            global = GLOBAL_VIEWS.computeIfAbsent(context, ignored -> new TempViews());
        }
        FunctionRegistry functions = BuiltinFunctions.registry().copy();
        WarehouseCatalog warehouse = new WarehouseCatalog(Path.of(conf.get(SqlConfig.WAREHOUSE_DIR)));
        this.catalog = new SessionCatalog(global, functions, warehouse, table -> Tables.relation(this, table));
        conf.markStarted();
        this.catalogApi = new Catalog(this);
        this.udf = new UDFRegistration(this);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The session made last by a builder in this JVM, if it is still running. */
    public static Optional<EmberSession> active() {
        EmberSession session = active;
        return session == null || session.context.isStopped() ? Optional.empty() : Optional.of(session);
    }

    /** A session over an existing context, which the session does not stop. */
    public static EmberSession of(EmberContext context) {
        EmberSession session = new EmberSession(context, false, Map.of());
        active = session;
        return session;
    }

    /** A new session on the same context: its own views, functions and settings; the global views are shared. */
    public EmberSession newSession() {
        return new EmberSession(context, false, Map.of());
    }

    public EmberContext emberContext() {
        return context;
    }

    public RuntimeConfig conf() {
        return conf;
    }

    public Catalog catalog() {
        return catalogApi;
    }

    public UDFRegistration udf() {
        return udf;
    }

    CacheManager cacheManager() {
        return cacheManager;
    }

    SessionCatalog sessionCatalog() {
        return catalog;
    }

    /** Runs a SQL statement: a query gives its (lazy) Dataset; a command runs now and gives its result. */
    public Dataset<Row> sql(String sqlText) {
        requireNonNull(sqlText, "sqlText is null");
        LogicalPlan plan = SqlParser.get().parsePlan(sqlText);
        Dataset<Row> result = Commands.run(this, plan);
        result.queryExecution().describeAs(sqlText);
        return result;
    }

    /**
     * A statement with {@code :name} markers, each replaced by the argument of that name: a Java value (as
     * {@code functions.lit} takes it) or a constant column. {@code sql("SELECT * FROM t WHERE id = :id", Map.of("id",
     * 7))}.
     */
    public Dataset<Row> sql(String sqlText, Map<String, ?> args) {
        requireNonNull(sqlText, "sqlText is null");
        requireNonNull(args, "args is null");
        LogicalPlan plan = SqlParameters.bindNamed(SqlParser.get().parsePlan(sqlText), args);
        Dataset<Row> result = Commands.run(this, plan);
        result.queryExecution().describeAs(sqlText);
        return result;
    }

    /** A statement with {@code ?} markers, replaced in order by {@code args} (Java values or constant columns). */
    public Dataset<Row> sql(String sqlText, Object[] args) {
        requireNonNull(sqlText, "sqlText is null");
        requireNonNull(args, "args is null");
        LogicalPlan plan =
                SqlParameters.bindPositional(SqlParser.get().parsePlan(sqlText), java.util.Arrays.asList(args));
        Dataset<Row> result = Commands.run(this, plan);
        result.queryExecution().describeAs(sqlText);
        return result;
    }

    public DataFrameReader read() {
        return new DataFrameReader(this);
    }

    /** The view (or table) of that name. */
    public Dataset<Row> table(String name) {
        return Dataset.ofRows(this, new UnresolvedRelation(SqlParser.get().parseMultipartIdentifier(name)));
    }

    public Dataset<Row> range(long end) {
        return range(0, end);
    }

    public Dataset<Row> range(long start, long end) {
        return range(start, end, 1);
    }

    public Dataset<Row> range(long start, long end, long step) {
        return range(start, end, step, 0);
    }

    /** A column {@code id} of the bigints from {@code start} to {@code end} (exclusive) by {@code step}. */
    public Dataset<Row> range(long start, long end, long step, int numPartitions) {
        return Dataset.ofRows(
                this,
                new Range(start, end, step, numPartitions, AttributeReference.create("id", DataTypes.LongType, false)));
    }

    /** A Dataset of rows held in memory, with the given schema; each row's values must fit the schema's types. */
    /** A Dataset of these values, encoded by {@code encoder}: {@code createDataset(people, Encoders.bean(Person.class))}. */
    public <T> Dataset<T> createDataset(List<T> values, Encoder<T> encoder) {
        requireNonNull(values, "values is null");
        requireNonNull(encoder, "encoder is null");
        List<InternalRow> rows = new ArrayList<>();
        for (T value : values) {
            if (value == null && encoder.isStruct()) {
                throw new EmberException(
                        ErrorClass.INVALID_ARGUMENT, "createDataset: a null value cannot be a row of " + encoder);
            }
            rows.add(InternalRow.of(encoder.toRow(value)));
        }
        return new Dataset<>(this, new LocalRelation(TypedPlans.attributes(encoder.schema()), rows), encoder);
    }

    public Dataset<Row> createDataFrame(List<Row> rows, StructType schema) {
        requireNonNull(rows, "rows is null");
        requireNonNull(schema, "schema is null");
        List<Attribute> output = new ArrayList<>();
        for (StructField field : schema) {
            output.add(AttributeReference.create(field.name(), field.dataType(), field.nullable()));
        }
        List<InternalRow> internal = new ArrayList<>();
        int index = 0;
        for (Row row : rows) {
            if (row.size() != schema.size()) {
                throw new EmberException(
                        ErrorClass.INVALID_ARGUMENT,
                        "Row " + index + " has " + row.size() + " values, but the schema has " + schema.size()
                                + " fields: " + schema.simpleString());
            }
            Object[] values = new Object[row.size()];
            for (int i = 0; i < values.length; i++) {
                StructField field = schema.field(i);
                values[i] =
                        ExternalValues.toInternal(row.get(i), field.dataType(), "row " + index + ", " + field.name());
                if (values[i] == null && !field.nullable()) {
                    throw new EmberException(
                            ErrorClass.INVALID_ARGUMENT,
                            "Row " + index + " has null in " + field.name()
                                    + ", which the schema says is not nullable");
                }
            }
            internal.add(InternalRow.of(values));
            index++;
        }
        return Dataset.ofRows(this, new LocalRelation(output, internal));
    }

    /** Stops the session, and its context if the session created it. */
    public void stop() {
        if (active == this) {
            active = null;
        }
        if (ownsContext) {
            context.stop();
        }
    }

    @Override
    public void close() {
        stop();
    }

    // ---- settings read by the engine

    String timeZone() {
        String zone = conf.get(SqlConfig.SESSION_TIME_ZONE);
        return zone.isEmpty() ? ZoneId.systemDefault().getId() : zone;
    }

    int shufflePartitions() {
        int partitions = conf.get(SqlConfig.SHUFFLE_PARTITIONS);
        return partitions > 0 ? partitions : Math.max(4, 2 * context.defaultParallelism());
    }

    long broadcastThreshold() {
        return conf.get(SqlConfig.AUTO_BROADCAST_JOIN_THRESHOLD);
    }

    boolean preferSortMergeJoin() {
        return conf.get(SqlConfig.PREFER_SORT_MERGE_JOIN);
    }

    /** The settings of adaptive execution, or null when it is off. */
    dev.ember.sql.execution.adaptive.AdaptiveSettings adaptiveSettings() {
        if (!conf.get(SqlConfig.ADAPTIVE_ENABLED)) {
            return null;
        }
        return new dev.ember.sql.execution.adaptive.AdaptiveSettings(
                conf.get(SqlConfig.ADAPTIVE_COALESCE),
                conf.get(SqlConfig.ADVISORY_PARTITION_SIZE),
                conf.get(SqlConfig.MIN_PARTITION_SIZE),
                Math.max(1, 2 * context.defaultParallelism()),
                conf.get(SqlConfig.SKEW_JOIN),
                conf.get(SqlConfig.SKEW_FACTOR),
                conf.get(SqlConfig.SKEW_THRESHOLD),
                broadcastThreshold(),
                shufflePartitions());
    }

    AnalysisContext analysisContext() {
        return new AnalysisContext(catalog, new FunctionContext(timeZone(), true), context.defaultParallelism());
    }

    ExecutionContext executionContext() {
        return new ExecutionContext(context, shufflePartitions(), timeZone());
    }

    /** Builds a session: {@code EmberSession.builder().master("local[*]").appName("x").config(k, v).getOrCreate()}. */
    public static final class Builder {
        private final Map<String, String> settings = new java.util.LinkedHashMap<>();
        private String master;
        private String appName;

        private Builder() {}

        public Builder master(String master) {
            this.master = requireNonNull(master, "master is null");
            return this;
        }

        public Builder appName(String appName) {
            this.appName = requireNonNull(appName, "appName is null");
            return this;
        }

        public Builder config(String key, String value) {
            settings.put(RuntimeConfig.normalize(key), value);
            return this;
        }

        public Builder config(String key, long value) {
            return config(key, Long.toString(value));
        }

        public Builder config(String key, boolean value) {
            return config(key, Boolean.toString(value));
        }

        /**
         * The active session if there is one (the settings given are applied to it), else a new session: on the JVM's
         * active context if there is one, otherwise on a new context of the given master and settings.
         */
        public EmberSession getOrCreate() {
            synchronized (LOCK) {
                Optional<EmberSession> existing = active();
                if (existing.isPresent()) {
                    settings.forEach((key, value) -> {
                        if (key.startsWith("ember.sql.")) {
                            existing.get().conf.set(key, value);
                        }
                    });
                    return existing.get();
                }
                Optional<EmberContext> running = EmberContext.getActive();
                EmberSession session;
                if (running.isPresent()) {
                    session = new EmberSession(running.get(), false, sqlSettings());
                } else {
                    EmberConf conf = new EmberConf();
                    settings.forEach(conf::set);
                    if (master != null) {
                        conf.setMaster(master);
                    }
                    if (appName != null) {
                        conf.setAppName(appName);
                    }
                    session = new EmberSession(new EmberContext(conf), true, Map.of());
                }
                active = session;
                return session;
            }
        }

        private Map<String, String> sqlSettings() {
            Map<String, String> sql = new java.util.LinkedHashMap<>();
            settings.forEach((key, value) -> {
                if (key.startsWith("ember.sql.")) {
                    sql.put(key, value);
                }
            });
            return sql;
        }
    }
}
