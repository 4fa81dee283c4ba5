package dev.ember.connect.planner;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.connect.arrow.ArrowReader;
import dev.ember.connect.proto.Relation;
import dev.ember.sql.Column;
import dev.ember.sql.DataFrameReader;
import dev.ember.sql.Dataset;
import dev.ember.sql.EmberSession;
import dev.ember.sql.PlanAccess;
import dev.ember.sql.Row;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.AttributeReference;
import dev.ember.sql.expressions.InternalRow;
import dev.ember.sql.expressions.SortOrder;
import dev.ember.sql.plans.logical.LocalRelation;
import dev.ember.sql.plans.logical.Sort;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.StructField;
import dev.ember.sql.types.StructType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A client's unresolved plan as a DataFrame of the client's session. Each relation becomes the Dataset the DataFrame
 * API would build for the same call, so a plan from a thin client resolves, optimizes and runs as the same program
 * written in Java would. Relations carrying a plan id are remembered, for columns that name their DataFrame.
 */
public final class PlanTranslator {
    private final PlanContext context;
    private final EmberSession session;
    private final ExpressionTranslator expressions = new ExpressionTranslator(this);
    private final Map<Long, Dataset<Row>> byPlanId = new HashMap<>();
    private final RelationEdits edits;

    public PlanTranslator(PlanContext context) {
        this.context = context;
        this.session = context.session();
        this.edits = new RelationEdits(this);
    }

    EmberSession session() {
        return session;
    }

    ExpressionTranslator expressions() {
        return expressions;
    }

    /** The DataFrame of a relation translated earlier with that plan id, or null. */
    Dataset<Row> byPlanId(long planId) {
        return byPlanId.get(planId);
    }

    public Dataset<Row> relation(Relation relation) {
        Dataset<Row> persisted = context.persisted(relation);
        Dataset<Row> result = persisted != null ? persisted : translate(relation);
        if (relation.hasCommon() && relation.getCommon().hasPlanId()) {
            byPlanId.put(relation.getCommon().getPlanId(), result);
        }
        return result;
    }

    /** A column over {@code input}. */
    public Column column(dev.ember.connect.proto.Expression expression, Dataset<Row> input) {
        return PlanAccess.column(expressions.translate(expression, input));
    }

    List<Column> columns(List<dev.ember.connect.proto.Expression> list, Dataset<Row> input) {
        List<Column> columns = new ArrayList<>(list.size());
        for (var expression : list) {
            columns.add(column(expression, input));
        }
        return columns;
    }

    private Dataset<Row> translate(Relation relation) {
        return switch (relation.getRelTypeCase()) {
            case READ -> read(relation.getRead());
            case PROJECT -> {
                var project = relation.getProject();
                Dataset<Row> input = project.hasInput() ? relation(project.getInput()) : oneRow();
                yield input.select(columns(project.getExpressionsList(), input).toArray(Column[]::new));
            }
            case FILTER -> {
                Dataset<Row> input = relation(relation.getFilter().getInput());
                yield input.filter(column(relation.getFilter().getCondition(), input));
            }
            case JOIN -> edits.join(relation.getJoin());
            case SET_OP -> edits.setOperation(relation.getSetOp());
            case SORT -> {
                var sort = relation.getSort();
                Dataset<Row> input = relation(sort.getInput());
                List<SortOrder> orders = new ArrayList<>();
                for (var order : sort.getOrderList()) {
                    orders.add(expressions.sortOrder(order, input));
                }
                boolean global = !sort.hasIsGlobal() || sort.getIsGlobal();
                yield PlanAccess.dataFrame(session, new Sort(orders, global, PlanAccess.plan(input)));
            }
            case LIMIT ->
                relation(relation.getLimit().getInput())
                        .limit(relation.getLimit().getLimit());
            case OFFSET ->
                relation(relation.getOffset().getInput())
                        .offset(relation.getOffset().getOffset());
            case TAIL -> edits.tail(relation.getTail());
            case AGGREGATE -> edits.aggregate(relation.getAggregate());
            case SQL -> sql(relation.getSql());
            case LOCAL_RELATION -> localRelation(relation.getLocalRelation());
            case CACHED_LOCAL_RELATION ->
                cachedLocalRelation(relation.getCachedLocalRelation().getHash());
            case SAMPLE -> edits.sample(relation.getSample());
            case DEDUPLICATE -> {
                var deduplicate = relation.getDeduplicate();
                Dataset<Row> input = relation(deduplicate.getInput());
                yield deduplicate.getAllColumnsAsKeys() || deduplicate.getColumnNamesCount() == 0
                        ? input.dropDuplicates().toDF()
                        : input.dropDuplicates(deduplicate.getColumnNamesList().toArray(String[]::new));
            }
            case RANGE -> {
                var range = relation.getRange();
                long step = range.getStep() == 0 ? 1 : range.getStep();
                yield session.range(
                        range.hasStart() ? range.getStart() : 0,
                        range.getEnd(),
                        step,
                        range.hasNumPartitions() ? range.getNumPartitions() : 0);
            }
            case SUBQUERY_ALIAS ->
                relation(relation.getSubqueryAlias().getInput())
                        .alias(relation.getSubqueryAlias().getAlias());
            case REPARTITION -> {
                var repartition = relation.getRepartition();
                Dataset<Row> input = relation(repartition.getInput());
                yield !repartition.hasShuffle() || repartition.getShuffle()
                        ? input.repartition(repartition.getNumPartitions())
                        : input.coalesce(repartition.getNumPartitions());
            }
            case REPARTITION_BY_EXPRESSION -> {
                var repartition = relation.getRepartitionByExpression();
                Dataset<Row> input = relation(repartition.getInput());
                Column[] keys =
                        columns(repartition.getPartitionExprsList(), input).toArray(Column[]::new);
                int count = repartition.hasNumPartitions() ? repartition.getNumPartitions() : 0;
                // repartitionByRange sends sort orders; repartition(cols) plain columns.
                boolean byRange = repartition.getPartitionExprsList().stream()
                        .anyMatch(dev.ember.connect.proto.Expression::hasSortOrder);
                yield byRange ? input.repartitionByRange(count, keys) : input.repartition(count, keys);
            }
            case TO_DF ->
                relation(relation.getToDf().getInput())
                        .toDF(relation.getToDf().getColumnNamesList().toArray(String[]::new));
            case WITH_COLUMNS_RENAMED -> edits.withColumnsRenamed(relation.getWithColumnsRenamed());
            case SHOW_STRING -> {
                var show = relation.getShowString();
                String text = PlanAccess.showString(
                        relation(show.getInput()), show.getNumRows(), show.getTruncate(), show.getVertical());
                yield singleString("show_string", text);
            }
            case HTML_STRING -> throw Unsupported.feature("HTML rendering of results (_repr_html_)");
            case DROP -> edits.drop(relation.getDrop());
            case WITH_COLUMNS -> edits.withColumns(relation.getWithColumns());
            case HINT ->
                relation(relation.getHint().getInput()).hint(relation.getHint().getName());
            case UNPIVOT -> edits.unpivot(relation.getUnpivot());
            case TO_SCHEMA -> edits.toSchema(relation.getToSchema());
            case WITH_RELATIONS -> throw Unsupported.feature("DataFrame subqueries (WithRelations)");
            case FILL_NA -> edits.fillNa(relation.getFillNa());
            case DROP_NA -> edits.dropNa(relation.getDropNa());
            case REPLACE -> edits.replace(relation.getReplace());
            case SUMMARY -> edits.summary(relation.getSummary());
            case DESCRIBE ->
                relation(relation.getDescribe().getInput())
                        .describe(relation.getDescribe().getColsList().toArray(String[]::new));
            case EXTENSION ->
                throw Unsupported.feature(
                        "a relation extension inside a plan (an RDD job runs only as the root of ExecutePlan)");
            case UNKNOWN -> throw Unsupported.invalid("an unknown relation");
            case RELTYPE_NOT_SET -> throw Unsupported.relation(relation);
        };
    }

    private Dataset<Row> read(dev.ember.connect.proto.Read read) {
        if (read.getIsStreaming()) {
            throw Unsupported.feature("streaming reads (readStream)");
        }
        return switch (read.getReadTypeCase()) {
            case NAMED_TABLE -> session.table(read.getNamedTable().getUnparsedIdentifier());
            case DATA_SOURCE -> {
                var source = read.getDataSource();
                if (source.getPredicatesCount() > 0) {
                    throw Unsupported.feature("JDBC reads split by predicates");
                }
                DataFrameReader reader = session.read();
                if (source.hasFormat()) {
                    reader = reader.format(source.getFormat());
                }
                if (source.hasSchema() && !source.getSchema().isBlank()) {
                    reader = reader.schema(ProtoTypes.parseSchema(source.getSchema()));
                }
                reader = reader.options(source.getOptionsMap());
                yield source.getPathsCount() == 0
                        ? reader.load()
                        : reader.load(source.getPathsList().toArray(String[]::new));
            }
            case READTYPE_NOT_SET -> throw Unsupported.invalid("a read of neither a table nor a data source");
        };
    }

    private Dataset<Row> sql(dev.ember.connect.proto.SQL sql) {
        if (sql.getNamedArgumentsCount() > 0 || sql.getArgsCount() > 0) {
            Map<String, Object> arguments = new LinkedHashMap<>();
            sql.getArgsMap()
                    .forEach((name, literal) -> arguments.put(name, PlanAccess.column(Literals.toLiteral(literal))));
            sql.getNamedArgumentsMap().forEach((name, expression) -> arguments.put(name, column(expression, null)));
            return session.sql(sql.getQuery(), arguments);
        }
        if (sql.getPosArgumentsCount() > 0 || sql.getPosArgsCount() > 0) {
            List<Object> arguments = new ArrayList<>();
            for (var literal : sql.getPosArgsList()) {
                arguments.add(PlanAccess.column(Literals.toLiteral(literal)));
            }
            for (var expression : sql.getPosArgumentsList()) {
                arguments.add(column(expression, null));
            }
            return session.sql(sql.getQuery(), arguments.toArray());
        }
        return session.sql(sql.getQuery());
    }

    private Dataset<Row> localRelation(dev.ember.connect.proto.LocalRelation local) {
        StructType schema =
                local.hasSchema() && !local.getSchema().isBlank() ? ProtoTypes.parseSchema(local.getSchema()) : null;
        if (!local.hasData()) {
            if (schema == null) {
                throw Unsupported.invalid("a local relation with neither data nor schema");
            }
            return rows(schema, List.of());
        }
        ArrowReader.Result result = ArrowReader.read(
                context.allocator(),
                local.getData().toByteArray(),
                schema,
                context.maxLocalRows(),
                context.maxLocalCells());
        return rows(result.schema(), result.rows());
    }

    private Dataset<Row> cachedLocalRelation(String hash) {
        byte[] bytes = context.artifact("cache/" + hash);
        if (bytes == null) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    "The cached local relation " + hash + " was never uploaded to this session");
        }
        try {
            return localRelation(dev.ember.connect.proto.LocalRelation.parseFrom(bytes));
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw Unsupported.invalid("the cached local relation " + hash + " is not a local relation");
        }
    }

    /** A DataFrame of rows of internal values. */
    Dataset<Row> rows(StructType schema, List<Object[]> values) {
        List<Attribute> output = new ArrayList<>();
        for (StructField field : schema.fields()) {
            output.add(AttributeReference.create(field.name(), field.dataType(), field.nullable()));
        }
        List<InternalRow> rows = new ArrayList<>(values.size());
        for (Object[] row : values) {
            rows.add(InternalRow.of(row));
        }
        return PlanAccess.dataFrame(session, new LocalRelation(output, rows));
    }

    private Dataset<Row> oneRow() {
        return PlanAccess.dataFrame(session, new LocalRelation(List.of(), List.of(InternalRow.EMPTY)));
    }

    Dataset<Row> singleString(String name, String value) {
        return rows(
                new StructType(new StructField(name, DataTypes.StringType, false)),
                List.<Object[]>of(new Object[] {value}));
    }

    /** A column name as an identifier that means exactly it (dots, spaces and backticks included). */
    public static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }
}
