package dev.ember.sql.execution.scan;

import dev.ember.EmberContext;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.Partition;
import dev.ember.RDD;
import dev.ember.TaskContext;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.sources.jdbc.JdbcDialect;
import dev.ember.sql.sources.jdbc.JdbcValues;
import dev.ember.sql.types.DataType;
import dev.ember.sql.vector.BatchBuilder;
import dev.ember.sql.vector.ColumnBatch;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The RDD of a JDBC scan: each partition opens its own connection, runs {@code SELECT columns FROM table WHERE
 * partition AND filters} with the fetch size (in a read-only transaction, so that drivers such as PostgreSQL's stream
 * the rows instead of loading them all), and turns the rows into batches. The connection closes when the task ends,
 * and a killed task cancels its statement.
 */
final class JdbcRDD extends RDD<ColumnBatch> {
    private static final long serialVersionUID = 1L;
    private static final int BATCH_ROWS = 4096;

    private final JdbcRelation relation;
    private final List<String> columns;
    private final List<DataType> types;
    private final List<Boolean> zoned;
    private final List<String> filters;

    JdbcRDD(EmberContext context, JdbcRelation relation, List<Attribute> output, List<String> filters) {
        super(context, List.of());
        this.relation = relation;
        this.columns = new ArrayList<>();
        this.types = new ArrayList<>();
        this.zoned = new ArrayList<>();
        for (Attribute attribute : output) {
            int index = relation.schema().fieldIndex(attribute.name());
            columns.add(relation.schema().field(index).name());
            types.add(attribute.dataType());
            zoned.add(relation.zoned().get(index));
        }
        this.filters = List.copyOf(filters);
    }

    private record JdbcPartition(int index, String condition) implements Partition {}

    @Override
    protected List<Partition> getPartitions() {
        List<Partition> partitions = new ArrayList<>();
        for (int i = 0; i < relation.partitions().size(); i++) {
            partitions.add(new JdbcPartition(i, relation.partitions().get(i)));
        }
        return partitions;
    }

    /** The statement of one partition. */
    String query(String condition) {
        JdbcDialect dialect = relation.options().dialect();
        List<String> quoted = new ArrayList<>();
        for (String column : columns) {
            quoted.add(dialect.quote(column));
        }
        List<String> where = new ArrayList<>();
        if (condition != null) {
            where.add("(" + condition + ")");
        }
        where.addAll(filters);
        return "SELECT " + (quoted.isEmpty() ? "1" : String.join(", ", quoted)) + " FROM "
                + relation.options().from() + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where));
    }

    @Override
    protected Iterator<ColumnBatch> compute(Partition split, TaskContext context) {
        String sql = query(((JdbcPartition) split).condition());
        ZoneId zone = ZoneId.of(relation.timeZone());
        Connection connection = relation.options().connect();
        Statement statement;
        ResultSet rows;
        try {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            statement = connection.createStatement();
            statement.setFetchSize(relation.options().fetchSize());
            statement.setQueryTimeout(relation.options().queryTimeoutSeconds());
            context.addTaskCompletionListener(task -> close(connection));
            rows = statement.executeQuery(sql);
        } catch (SQLException e) {
            close(connection);
            throw failure(e);
        }
        return new Iterator<>() {
            private ColumnBatch next;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (next == null && !done) {
                    next = read();
                }
                return next != null;
            }

            @Override
            public ColumnBatch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                ColumnBatch batch = next;
                next = null;
                return batch;
            }

            private ColumnBatch read() {
                BatchBuilder builder = new BatchBuilder(types, BATCH_ROWS);
                try {
                    while (!builder.isFull()) {
                        if (context.isInterrupted()) {
                            statement.cancel();
                            context.killTaskIfInterrupted();
                        }
                        if (!rows.next()) {
                            done = true;
                            close(connection);
                            break;
                        }
                        for (int c = 0; c < types.size(); c++) {
                            Object value =
                                    JdbcValues.read(rows, c + 1, types.get(c), zoned.get(c), zone, columns.get(c));
                            if (value == null) {
                                builder.setNull(c);
                            } else {
                                builder.set(c, value);
                            }
                        }
                        builder.endRow();
                    }
                } catch (SQLException e) {
                    close(connection);
                    throw failure(e);
                }
                return builder.isEmpty() ? null : builder.build();
            }
        };
    }

    private EmberException failure(SQLException e) {
        return new EmberException(
                ErrorClass.INPUT_READ_FAILED,
                "Cannot read " + relation.options().from() + " from "
                        + relation.options().redactedUrl() + ": "
                        + relation.options().scrub(e.getMessage()),
                relation.options().scrubbed(e));
    }

    private static void close(Connection connection) {
        try {
            if (!connection.isClosed()) {
                connection.rollback();
            }
        } catch (SQLException e) {
            // Only read: nothing to undo; the connection is closed below whatever happened.
        } finally {
            try {
                connection.close();
            } catch (SQLException e) {
                // Everything was read or the task failed already; nothing more to lose.
            }
        }
    }
}
