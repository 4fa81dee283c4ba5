package dev.ember.connect.planner;

import dev.ember.connect.proto.Aggregate;
import dev.ember.connect.proto.Join;
import dev.ember.connect.proto.SetOperation;
import dev.ember.sql.Column;
import dev.ember.sql.Dataset;
import dev.ember.sql.PlanAccess;
import dev.ember.sql.RelationalGroupedDataset;
import dev.ember.sql.Row;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.SortOrder;
import dev.ember.sql.functions;
import dev.ember.sql.plans.logical.Sort;
import dev.ember.sql.plans.logical.Unpivot;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.StructField;
import dev.ember.sql.types.StructType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The relations that take more than one Dataset call: joins, set operations, aggregations, na and statistics. */
final class RelationEdits {
    private final PlanTranslator plans;

    RelationEdits(PlanTranslator plans) {
        this.plans = plans;
    }

    Dataset<Row> join(Join join) {
        Dataset<Row> left = plans.relation(join.getLeft());
        Dataset<Row> right = plans.relation(join.getRight());
        String type =
                switch (join.getJoinType()) {
                    case JOIN_TYPE_INNER, JOIN_TYPE_UNSPECIFIED -> "inner";
                    case JOIN_TYPE_FULL_OUTER -> "full";
                    case JOIN_TYPE_LEFT_OUTER -> "left";
                    case JOIN_TYPE_RIGHT_OUTER -> "right";
                    case JOIN_TYPE_LEFT_ANTI -> "left_anti";
                    case JOIN_TYPE_LEFT_SEMI -> "left_semi";
                    case JOIN_TYPE_CROSS -> "cross";
                    case UNRECOGNIZED -> throw Unsupported.invalid("an unknown join type");
                };
        if (join.hasJoinDataType()) {
            throw Unsupported.feature("typed joins (joinWith)");
        }
        if (join.getUsingColumnsCount() > 0) {
            return left.join(right, join.getUsingColumnsList(), type);
        }
        if (join.hasJoinCondition()) {
            return left.join(right, plans.column(join.getJoinCondition(), left), type);
        }
        return type.equals("inner") || type.equals("cross")
                ? left.crossJoin(right)
                : left.join(right, functions.lit(true), type);
    }

    Dataset<Row> setOperation(SetOperation operation) {
        Dataset<Row> left = plans.relation(operation.getLeftInput());
        Dataset<Row> right = plans.relation(operation.getRightInput());
        boolean all = operation.hasIsAll() && operation.getIsAll();
        return switch (operation.getSetOpType()) {
            case SET_OP_TYPE_UNION -> {
                Dataset<Row> union = operation.getByName()
                        ? left.unionByName(right, operation.getAllowMissingColumns())
                        : left.union(right);
                yield all ? union : union.distinct();
            }
            case SET_OP_TYPE_INTERSECT -> all ? left.intersectAll(right) : left.intersect(right);
            case SET_OP_TYPE_EXCEPT -> all ? left.exceptAll(right) : left.except(right);
            case SET_OP_TYPE_UNSPECIFIED, UNRECOGNIZED -> throw Unsupported.invalid("a set operation without a kind");
        };
    }

    /** The last rows: the input runs now and its last {@code limit} rows become a local relation. */
    Dataset<Row> tail(dev.ember.connect.proto.Tail tail) {
        Dataset<Row> input = plans.relation(tail.getInput());
        if (tail.getLimit() < 0) {
            throw Unsupported.invalid("tail(" + tail.getLimit() + "): the number of rows is negative");
        }
        List<Object[]> rows = input.queryExecution().collectInternal();
        List<Object[]> last = rows.subList(Math.max(0, rows.size() - tail.getLimit()), rows.size());
        return plans.rows(input.schema(), new ArrayList<>(last));
    }

    Dataset<Row> aggregate(Aggregate aggregate) {
        Dataset<Row> input = plans.relation(aggregate.getInput());
        Column[] grouping =
                plans.columns(aggregate.getGroupingExpressionsList(), input).toArray(Column[]::new);
        List<Column> aggregates = plans.columns(aggregate.getAggregateExpressionsList(), input);
        RelationalGroupedDataset grouped =
                switch (aggregate.getGroupType()) {
                    case GROUP_TYPE_GROUPBY, GROUP_TYPE_UNSPECIFIED -> input.groupBy(grouping);
                    case GROUP_TYPE_ROLLUP -> input.rollup(grouping);
                    case GROUP_TYPE_CUBE -> input.cube(grouping);
                    case GROUP_TYPE_PIVOT -> {
                        var pivot = aggregate.getPivot();
                        Column column = plans.column(pivot.getCol(), input);
                        if (pivot.getValuesCount() == 0) {
                            yield input.groupBy(grouping).pivot(column);
                        }
                        List<Object> values = new ArrayList<>();
                        for (var literal : pivot.getValuesList()) {
                            values.add(Literals.value(literal));
                        }
                        yield input.groupBy(grouping).pivot(column, values);
                    }
                    case GROUP_TYPE_GROUPING_SETS -> throw Unsupported.feature("groupingSets in the DataFrame API");
                    case UNRECOGNIZED -> throw Unsupported.invalid("an unknown grouping type");
                };
        if (aggregates.isEmpty()) {
            // groupBy(...) with nothing to compute: the distinct grouping values.
            return input.select(grouping).distinct();
        }
        return grouped.agg(
                aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new));
    }

    /**
     * {@code sample(fraction)}: each row kept when a uniform random number seeded by {@code seed} falls in
     * [lower, upper), as Spark's Bernoulli sampler keeps it.
     */
    Dataset<Row> sample(dev.ember.connect.proto.Sample sample) {
        Dataset<Row> input = plans.relation(sample.getInput());
        if (sample.getWithReplacement()) {
            throw Unsupported.feature("sampling with replacement");
        }
        double lower = sample.getLowerBound();
        double upper = sample.getUpperBound();
        // randomSplit's cumulative weights may end a rounding error above 1, as Spark allows.
        if (!(lower >= 0 && upper <= 1 + 1e-6 && lower <= upper)) {
            throw Unsupported.invalid("sample bounds [" + lower + ", " + upper + ") outside [0, 1]");
        }
        if (sample.getDeterministicOrder()) {
            // randomSplit: each split draws the same numbers for the same rows, so the splits partition the input.
            // The rows are put in one order within each partition first, as Spark does.
            List<SortOrder> order = new ArrayList<>();
            for (StructField field : input.schema().fields()) {
                if (orderable(field.dataType())) {
                    order.add(SortOrder.ascending(input.col(quote(field.name())).expr()));
                }
            }
            if (!order.isEmpty()) {
                input = PlanAccess.dataFrame(plans.session(), new Sort(order, false, PlanAccess.plan(input)));
            }
        }
        long seed = sample.hasSeed() ? sample.getSeed() : new java.util.SplittableRandom().nextLong();
        String draw = "__sample_" + Long.toUnsignedString(seed, 36);
        Dataset<Row> drawn = input.withColumn(draw, functions.rand(seed));
        Column kept = functions
                .col(draw)
                .geq(functions.lit(lower))
                .and(functions.col(draw).lt(functions.lit(upper)));
        return drawn.filter(kept).drop(draw);
    }

    /**
     * {@code withColumns(names, columns)}: one projection, every new column computed from the input (a column that
     * names an existing one replaces it in place, the others are appended).
     */
    Dataset<Row> withColumns(dev.ember.connect.proto.WithColumns with) {
        Dataset<Row> input = plans.relation(with.getInput());
        Map<String, Column> added = new LinkedHashMap<>();
        for (var alias : with.getAliasesList()) {
            if (alias.getNameCount() != 1) {
                throw Unsupported.invalid("withColumns needs one name per column, not " + alias.getNameList());
            }
            String name = alias.getName(0);
            for (String other : added.keySet()) {
                if (other.equalsIgnoreCase(name)) {
                    throw Unsupported.invalid("withColumns names the column " + name + " twice");
                }
            }
            added.put(name, plans.column(alias.getExpr(), input).as(name));
        }
        List<Column> columns = new ArrayList<>();
        Map<String, Column> remaining = new LinkedHashMap<>(added);
        for (String existing : input.columns()) {
            String replaced = null;
            for (String name : remaining.keySet()) {
                if (name.equalsIgnoreCase(existing)) {
                    replaced = name;
                }
            }
            columns.add(replaced != null ? remaining.remove(replaced) : input.col(quote(existing)));
        }
        columns.addAll(remaining.values());
        return input.select(columns.toArray(Column[]::new));
    }

    static String quote(String name) {
        return PlanTranslator.quote(name);
    }

    private static boolean orderable(DataType type) {
        return !(type instanceof dev.ember.sql.types.MapType
                || type instanceof dev.ember.sql.types.ArrayType
                || type instanceof StructType
                || type instanceof dev.ember.sql.types.BinaryType);
    }

    Dataset<Row> withColumnsRenamed(dev.ember.connect.proto.WithColumnsRenamed renamed) {
        Dataset<Row> result = plans.relation(renamed.getInput());
        for (var rename : renamed.getRenamesList()) {
            result = result.withColumnRenamed(rename.getColName(), rename.getNewColName());
        }
        for (var entry : renamed.getRenameColumnsMapMap().entrySet()) {
            result = result.withColumnRenamed(entry.getKey(), entry.getValue());
        }
        return result;
    }

    Dataset<Row> drop(dev.ember.connect.proto.Drop drop) {
        Dataset<Row> input = plans.relation(drop.getInput());
        Dataset<Row> result = input;
        for (var expression : drop.getColumnsList()) {
            result = result.drop(plans.column(expression, input));
        }
        if (drop.getColumnNamesCount() > 0) {
            result = result.drop(drop.getColumnNamesList().toArray(String[]::new));
        }
        return result;
    }

    /** {@code unpivot(ids, values, variable, value)}: the id columns kept, one row per value column. */
    Dataset<Row> unpivot(dev.ember.connect.proto.Unpivot unpivot) {
        Dataset<Row> input = plans.relation(unpivot.getInput());
        List<Column> ids = plans.columns(unpivot.getIdsList(), input);
        List<Column> values;
        if (unpivot.hasValues()) {
            values = plans.columns(unpivot.getValues().getValuesList(), input);
        } else {
            List<String> idNames =
                    List.of(input.select(ids.toArray(Column[]::new)).columns());
            values = new ArrayList<>();
            for (String name : input.columns()) {
                if (!idNames.contains(name)) {
                    values.add(input.col(name));
                }
            }
        }
        List<Column> kept = new ArrayList<>(ids);
        kept.addAll(values);
        Dataset<Row> narrowed = input.select(kept.toArray(Column[]::new));
        String[] names = narrowed.columns();
        List<Expression> columns = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int i = ids.size(); i < names.length; i++) {
            columns.add(narrowed.col(names[i]).expr());
            labels.add(names[i]);
        }
        if (columns.isEmpty()) {
            throw Unsupported.invalid("unpivot needs at least one value column");
        }
        return PlanAccess.dataFrame(
                plans.session(),
                new Unpivot(
                        List.of(unpivot.getValueColumnName()),
                        unpivot.getVariableColumnName(),
                        columns,
                        labels,
                        true,
                        PlanAccess.plan(narrowed)));
    }

    /** {@code to(schema)}: the columns of the schema, by name, cast to its types. */
    Dataset<Row> toSchema(dev.ember.connect.proto.ToSchema toSchema) {
        Dataset<Row> input = plans.relation(toSchema.getInput());
        DataType type = ProtoTypes.fromProto(toSchema.getSchema());
        if (!(type instanceof StructType schema)) {
            throw Unsupported.invalid("to() needs a struct type, not " + type.sql());
        }
        List<Column> columns = new ArrayList<>();
        for (StructField field : schema.fields()) {
            columns.add(input.col(field.name()).cast(field.dataType()).as(field.name()));
        }
        return input.select(columns.toArray(Column[]::new));
    }

    Dataset<Row> fillNa(dev.ember.connect.proto.NAFill fill) {
        Dataset<Row> input = plans.relation(fill.getInput());
        if (fill.getValuesCount() == 0) {
            throw Unsupported.invalid("na.fill without a value");
        }
        List<String> columns = fill.getColsCount() > 0 ? fill.getColsList() : List.of(input.columns());
        if (fill.getValuesCount() == 1) {
            Object value = Literals.value(fill.getValues(0));
            if (fill.getColsCount() > 0) {
                // One value for named columns: only those of a type the value fits, as Spark fills them.
                Map<String, Object> fitting = new LinkedHashMap<>();
                for (String name : columns) {
                    DataType type = input.schema().apply(name).dataType();
                    boolean fits = value instanceof String
                            ? type instanceof dev.ember.sql.types.StringType
                            : value instanceof Boolean
                                    ? type instanceof dev.ember.sql.types.BooleanType
                                    : value instanceof Number && type.isNumeric();
                    if (fits) {
                        fitting.put(name, value);
                    }
                }
                return fitting.isEmpty() ? input : input.na().fill(fitting);
            }
            if (value instanceof String text) {
                return input.na().fill(text);
            } else if (value instanceof Boolean bool) {
                return input.na().fill(bool);
            } else if (value instanceof Double || value instanceof Float) {
                return input.na().fill(((Number) value).doubleValue());
            } else if (value instanceof Number number) {
                return input.na().fill(number.longValue());
            }
            throw Unsupported.invalid("na.fill takes a number, string or boolean, not " + value);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            int valueIndex = fill.getValuesCount() == 1 ? 0 : i;
            if (valueIndex >= fill.getValuesCount()) {
                throw Unsupported.invalid(
                        "na.fill has " + columns.size() + " columns and " + fill.getValuesCount() + " values");
            }
            values.put(columns.get(i), Literals.value(fill.getValues(valueIndex)));
        }
        return input.na().fill(values);
    }

    Dataset<Row> dropNa(dev.ember.connect.proto.NADrop drop) {
        Dataset<Row> input = plans.relation(drop.getInput());
        String[] columns = drop.getColsCount() > 0 ? drop.getColsList().toArray(String[]::new) : input.columns();
        if (drop.hasMinNonNulls()) {
            return input.na().drop(drop.getMinNonNulls(), columns);
        }
        return input.na().drop("any", columns);
    }

    /** {@code na.replace}: in the named columns (else every column of a fitting type), each old value by its new. */
    Dataset<Row> replace(dev.ember.connect.proto.NAReplace replace) {
        Dataset<Row> input = plans.relation(replace.getInput());
        List<String> targets = replace.getColsCount() > 0 ? replace.getColsList() : List.of(input.columns());
        List<Column> columns = new ArrayList<>();
        for (String name : input.columns()) {
            Column column = input.col(name);
            if (!targets.contains(name) || replace.getReplacementsCount() == 0) {
                columns.add(column);
                continue;
            }
            DataType type = input.schema().apply(name).dataType();
            Column replaced = null;
            for (var replacement : replace.getReplacementsList()) {
                Expression old = Literals.toLiteral(replacement.getOldValue());
                if (!fits(old.dataType(), type) && !(replacement.getOldValue().hasNull())) {
                    continue;
                }
                Column test =
                        replacement.getOldValue().hasNull() ? column.isNull() : column.equalTo(PlanAccess.column(old));
                Column value = PlanAccess.column(Literals.toLiteral(replacement.getNewValue()))
                        .cast(type);
                replaced = replaced == null ? functions.when(test, value) : replaced.when(test, value);
            }
            columns.add(replaced == null ? column : replaced.otherwise(column).as(name));
        }
        return input.select(columns.toArray(Column[]::new));
    }

    private static boolean fits(DataType value, DataType column) {
        if (value.isNumeric() && column.isNumeric()) {
            return true;
        }
        return value.getClass() == column.getClass();
    }

    Dataset<Row> summary(dev.ember.connect.proto.StatSummary summary) {
        return plans.relation(summary.getInput())
                .summary(summary.getStatisticsList().toArray(String[]::new));
    }
}
