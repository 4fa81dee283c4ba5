package dev.ember.connect;

import dev.ember.connect.planner.PlanTranslator;
import dev.ember.connect.planner.Unsupported;
import dev.ember.connect.proto.Command;
import dev.ember.connect.proto.Relation;
import dev.ember.connect.proto.SQL;
import dev.ember.connect.proto.SqlCommand;
import dev.ember.connect.proto.WriteOperation;
import dev.ember.connect.proto.WriteOperationV2;
import dev.ember.sql.DataFrameWriter;
import dev.ember.sql.Dataset;
import dev.ember.sql.Row;

/**
 * Commands: plans run for their effect. A SQL command runs a statement eagerly (a DDL statement or a SET) and answers
 * with a relation of its result; the others (views, writes) have no result but their completion.
 */
final class CommandRunner {
    private CommandRunner() {}

    /** Runs {@code command}; returns the rows of a SQL statement's result, or null for commands without one. */
    static Dataset<Row> run(Command command, PlanTranslator plans, ConnectSession session) {
        switch (command.getCommandTypeCase()) {
            case SQL_COMMAND -> {
                return plans.relation(statement(command.getSqlCommand()));
            }
            case CREATE_DATAFRAME_VIEW -> {
                var view = command.getCreateDataframeView();
                Dataset<Row> data = plans.relation(view.getInput());
                if (view.getIsGlobal()) {
                    if (view.getReplace()) {
                        data.createOrReplaceGlobalTempView(view.getName());
                    } else {
                        data.createGlobalTempView(view.getName());
                    }
                } else if (view.getReplace()) {
                    data.createOrReplaceTempView(view.getName());
                } else {
                    data.createTempView(view.getName());
                }
                return null;
            }
            case WRITE_OPERATION -> {
                write(command.getWriteOperation(), plans);
                return null;
            }
            case WRITE_OPERATION_V2 -> {
                writeV2(command.getWriteOperationV2(), plans);
                return null;
            }
            case REGISTER_FUNCTION -> {
                JavaUdfs.register(session, command.getRegisterFunction());
                return null;
            }
            case COMMANDTYPE_NOT_SET -> throw Unsupported.command(command);
        }
        throw new IllegalStateException(command.getCommandTypeCase().toString());
    }

    /** The statement of a SQL command as a SQL relation: given as such, or in the command's own fields. */
    @SuppressWarnings("deprecation")
    static Relation statement(SqlCommand sql) {
        if (sql.hasInput()) {
            return sql.getInput();
        }
        if (sql.getSql().isEmpty()) {
            throw Unsupported.invalid("a SQL command without a statement");
        }
        return Relation.newBuilder()
                .setSql(SQL.newBuilder()
                        .setQuery(sql.getSql())
                        .putAllArgs(sql.getArgsMap())
                        .addAllPosArgs(sql.getPosArgsList())
                        .putAllNamedArguments(sql.getNamedArgumentsMap())
                        .addAllPosArguments(sql.getPosArgumentsList()))
                .build();
    }

    private static void write(WriteOperation write, PlanTranslator plans) {
        if (write.hasBucketBy() || write.getSortColumnNamesCount() > 0) {
            throw Unsupported.feature("bucketBy and sortBy in writes");
        }
        if (write.getClusteringColumnsCount() > 0) {
            throw Unsupported.feature("clusterBy in writes");
        }
        DataFrameWriter writer = plans.relation(write.getInput()).write();
        if (write.hasSource()) {
            writer = writer.format(write.getSource());
        }
        String mode =
                switch (write.getMode()) {
                    case SAVE_MODE_APPEND -> "append";
                    case SAVE_MODE_OVERWRITE -> "overwrite";
                    case SAVE_MODE_IGNORE -> "ignore";
                    case SAVE_MODE_ERROR_IF_EXISTS, SAVE_MODE_UNSPECIFIED -> "errorifexists";
                    case UNRECOGNIZED -> throw Unsupported.invalid("an unknown save mode");
                };
        writer = writer.mode(mode).options(write.getOptionsMap());
        if (write.getPartitioningColumnsCount() > 0) {
            writer = writer.partitionBy(write.getPartitioningColumnsList().toArray(String[]::new));
        }
        switch (write.getSaveTypeCase()) {
            case PATH -> writer.save(write.getPath());
            case TABLE -> {
                var table = write.getTable();
                if (table.getSaveMethod() == WriteOperation.SaveTable.TableSaveMethod.TABLE_SAVE_METHOD_INSERT_INTO) {
                    writer.insertInto(table.getTableName());
                } else {
                    writer.saveAsTable(table.getTableName());
                }
            }
            case SAVETYPE_NOT_SET -> writer.save();
        }
    }

    private static DataFrameWriter writerV2(Dataset<Row> data, WriteOperationV2 write) {
        DataFrameWriter writer = data.write().options(write.getOptionsMap());
        return write.hasProvider() ? writer.format(write.getProvider()) : writer;
    }

    /** The columns of {@code data} in the order of the table's: writeTo matches columns by name, not position. */
    private static Dataset<Row> byName(Dataset<Row> data, PlanTranslator plans, String table) {
        String[] tableColumns = data.sparkSession().table(table).columns();
        java.util.List<dev.ember.sql.Column> columns = new java.util.ArrayList<>();
        for (String name : tableColumns) {
            String match = null;
            for (String column : data.columns()) {
                if (column.equalsIgnoreCase(name)) {
                    match = column;
                }
            }
            if (match == null) {
                throw new dev.ember.EmberException(
                        dev.ember.ErrorClass.INVALID_SQL,
                        "The data written to " + table + " has no column " + name + "; it has "
                                + java.util.Arrays.toString(data.columns()));
            }
            columns.add(data.col(PlanTranslator.quote(match)));
        }
        if (data.columns().length != tableColumns.length) {
            throw new dev.ember.EmberException(
                    dev.ember.ErrorClass.INVALID_SQL,
                    "The data written to " + table + " has " + data.columns().length + " columns, the table "
                            + tableColumns.length);
        }
        return data.select(columns.toArray(dev.ember.sql.Column[]::new));
    }

    private static void writeV2(WriteOperationV2 write, PlanTranslator plans) {
        if (write.getPartitioningColumnsCount() > 0 || write.getClusteringColumnsCount() > 0) {
            throw Unsupported.feature("partitionedBy and clusterBy in writeTo");
        }
        Dataset<Row> data = plans.relation(write.getInput());
        String table = write.getTableName();
        switch (write.getMode()) {
            case MODE_CREATE -> writerV2(data, write).mode("errorifexists").saveAsTable(table);
            case MODE_CREATE_OR_REPLACE, MODE_REPLACE ->
                writerV2(data, write).mode("overwrite").saveAsTable(table);
            case MODE_APPEND ->
                writerV2(byName(data, plans, table), write).mode("append").insertInto(table);
            case MODE_OVERWRITE -> {
                if (write.hasOverwriteCondition()) {
                    throw Unsupported.feature("overwrite(condition) in writeTo");
                }
                writerV2(byName(data, plans, table), write).mode("overwrite").insertInto(table);
            }
            case MODE_OVERWRITE_PARTITIONS -> throw Unsupported.feature("overwritePartitions in writeTo");
            case MODE_UNSPECIFIED, UNRECOGNIZED -> throw Unsupported.invalid("writeTo without a mode");
        }
    }
}
