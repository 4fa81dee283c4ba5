package dev.ember.connect;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import dev.ember.EmberContext;
import dev.ember.JobClassScope;
import dev.ember.connect.arrow.ArrowWriter;
import dev.ember.connect.planner.PlanTranslator;
import dev.ember.connect.planner.ProtoTypes;
import dev.ember.connect.planner.Unsupported;
import dev.ember.connect.proto.ExecutePlanResponse;
import dev.ember.connect.proto.LocalRelation;
import dev.ember.connect.proto.Plan;
import dev.ember.connect.proto.Relation;
import dev.ember.connect.proto.rdd.RddJob;
import dev.ember.connect.proto.rdd.RddValues;
import dev.ember.connect.rdd.RddExecution;
import dev.ember.sql.Dataset;
import dev.ember.sql.PlanAccess;
import dev.ember.sql.Row;
import dev.ember.sql.parser.SqlParser;
import dev.ember.sql.plans.logical.commands.Command;
import dev.ember.sql.types.StructType;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Runs one ExecutePlan on its operation's thread and hands each response to the operation: a query's schema, its
 * rows as Arrow batches no larger than the batch budget, its metrics, and the mark that the result is complete; a
 * command's result relation, and the same mark.
 */
final class PlanExecution {
    private static final int MAX_BATCH_ROWS = 32_768;

    private final ConnectSession session;
    private final ExecuteOperation operation;
    private final ConnectLimits limits;
    private final Progress progress;
    private final String group;

    PlanExecution(
            ConnectSession session, ExecuteOperation operation, ConnectLimits limits, Progress progress, String group) {
        this.session = session;
        this.operation = operation;
        this.limits = limits;
        this.progress = progress;
        this.group = group;
    }

    void run(Plan plan) {
        RddExecution.Classes functions = session.functionClasses();
        if (functions == null) {
            runPlan(plan);
            return;
        }
        // The session registered Java functions from its jars: its queries' tasks load their classes from them.
        EmberContext context = session.session().emberContext();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(functions.loader());
        JobClassScope.set(context, functions.scope(), functions.jars());
        try {
            runPlan(plan);
        } finally {
            JobClassScope.clear(context);
            thread.setContextClassLoader(previous);
        }
    }

    private void runPlan(Plan plan) {
        Progress.Reporter reporter =
                progress.start(group, stages -> send(response().setExecutionProgress(stages)));
        try {
            runStatement(plan);
        } finally {
            reporter.stop();
        }
        send(response().setResultComplete(ExecutePlanResponse.ResultComplete.getDefaultInstance()));
    }

    private void runStatement(Plan plan) {
        PlanTranslator plans = new PlanTranslator(session);
        long started = System.nanoTime();
        switch (plan.getOpTypeCase()) {
            case ROOT -> {
                if (plan.getRoot().hasExtension()) {
                    rddJob(plan.getRoot());
                    break;
                }
                Dataset<Row> result = plans.relation(plan.getRoot());
                PlanAccess.describe(result, description(plan.getRoot()));
                query(result, started);
            }
            case COMMAND -> command(plan, plans);
            case OPTYPE_NOT_SET -> throw Unsupported.invalid("a plan with neither a query nor a command");
        }
    }

    private void query(Dataset<Row> result, long started) {
        StructType schema = result.schema();
        send(response().setSchema(ProtoTypes.toProto(schema)));
        ArrowWriter writer = new ArrowWriter(session.allocator(), schema, PlanAccess.timeZone(session.session()));
        long[] offset = {0};
        // Slices of partitions, each sent as it arrives; the next slice's job waits while the client is behind.
        result.queryExecution().forEachSlice(limits.maxBufferedBytes(), rows -> {
            if (!rows.isEmpty()) {
                offset[0] = sendBatches(writer, rows, offset[0]);
            }
            awaitRoom();
        });
        if (offset[0] == 0) {
            // An empty result still tells the client its columns.
            sendBatches(writer, List.of(), 0);
        }
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        send(response()
                .setMetrics(ExecutePlanResponse.Metrics.newBuilder()
                        .addMetrics(ExecutePlanResponse.Metrics.MetricObject.newBuilder()
                                .setName("Result")
                                .putExecutionMetrics("numOutputRows", metric("numOutputRows", offset[0], "sum"))
                                .putExecutionMetrics("durationMs", metric("durationMs", elapsedMillis, "timing")))));
    }

    /** An RDD job (Ember's extension): its values sent as they arrive, each in an extension response. */
    private void rddJob(Relation root) {
        RddJob job;
        try {
            if (!root.getExtension().is(RddJob.class)) {
                throw Unsupported.feature(
                        "relation extensions of type " + root.getExtension().getTypeUrl());
            }
            // Parsed with the requests' nesting limit: each operation of a lineage is a level.
            com.google.protobuf.CodedInputStream input =
                    root.getExtension().getValue().newCodedInput();
            input.setRecursionLimit(DeepPlans.RECURSION_LIMIT);
            job = RddJob.parseFrom(input);
        } catch (java.io.IOException e) {
            throw Unsupported.invalid("an RDD job that does not parse: " + e.getMessage());
        }
        RddExecution.Sink sink = new RddExecution.Sink() {
            @Override
            public void send(RddValues values) {
                PlanExecution.this.send(response().setExtension(Any.pack(values)));
            }

            @Override
            public void awaitRoom() {
                PlanExecution.this.awaitRoom();
            }
        };
        new RddExecution(session.session(), sink, limits.maxBatchBytes(), session.cachedRdds())
                .run(job, session.classes(job.getClassJarsList()));
    }

    private void awaitRoom() {
        try {
            operation.awaitRoom(limits.maxBufferedBytes(), limits.abandonedTimeoutNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw operation.cancelled();
        }
    }

    /** {@code rows} as Arrow batches of at most the batch budget, the first at {@code offset}; the next offset. */
    private long sendBatches(ArrowWriter writer, List<Object[]> rows, long offset) {
        int from = 0;
        int batchRows = Math.min(MAX_BATCH_ROWS, Math.max(1, rows.size()));
        do {
            int to = Math.min(rows.size(), from + batchRows);
            byte[] data = writer.write(rows, from, to);
            if (data.length > limits.maxBatchBytes() && to - from > 1) {
                batchRows = Math.max(1, (to - from) / 2);
                continue;
            }
            send(response()
                    .setArrowBatch(ExecutePlanResponse.ArrowBatch.newBuilder()
                            .setRowCount(to - from)
                            .setData(ByteString.copyFrom(data))
                            .setStartOffset(offset)));
            offset += to - from;
            from = to;
        } while (from < rows.size());
        return offset;
    }

    private static ExecutePlanResponse.Metrics.MetricValue metric(String name, long value, String type) {
        return ExecutePlanResponse.Metrics.MetricValue.newBuilder()
                .setName(name)
                .setValue(value)
                .setMetricType(type)
                .build();
    }

    private void command(Plan plan, PlanTranslator plans) {
        var command = plan.getCommand();
        Dataset<Row> result = CommandRunner.run(command, plans, session);
        if (!command.hasSqlCommand()) {
            return;
        }
        Relation input = CommandRunner.statement(command.getSqlCommand());
        Relation relation = input;
        if (isCommand(input)) {
            // A statement run for its effect: its (small) result goes back as data, so that using the DataFrame
            // does not run the statement again.
            StructType schema = result.schema();
            List<Object[]> rows = result.queryExecution().collectInternal();
            byte[] data = new ArrowWriter(session.allocator(), schema, PlanAccess.timeZone(session.session()))
                    .write(rows, 0, rows.size());
            relation = Relation.newBuilder()
                    .setLocalRelation(LocalRelation.newBuilder()
                            .setData(ByteString.copyFrom(data))
                            .setSchema(schema.toDDL()))
                    .build();
        }
        send(response()
                .setSqlCommandResult(
                        ExecutePlanResponse.SqlCommandResult.newBuilder().setRelation(relation)));
    }

    private static boolean isCommand(Relation relation) {
        if (!relation.hasSql()) {
            return false;
        }
        try {
            return SqlParser.get().parsePlan(relation.getSql().getQuery()) instanceof Command;
        } catch (RuntimeException unparsable) {
            return false;
        }
    }

    /** What the UI's SQL tab calls the query: its session and user, and its SQL text when it has one. */
    private String description(Relation root) {
        String operation = root.getRelTypeCase().name().toLowerCase(Locale.ROOT);
        String sql = sqlText(root, 0);
        String what = root.hasSql() ? sql : sql != null ? operation + " of " + sql : "DataFrame " + operation;
        if (what.length() > 500) {
            what = what.substring(0, 497) + "...";
        }
        return "Connect session " + session.sessionId + " (user " + SessionManager.clip(session.userId) + "): " + what;
    }

    /** The SQL text the relation reads from, looking a few levels down (a limit over a SQL query); null if none. */
    private static String sqlText(com.google.protobuf.Message message, int depth) {
        if (message instanceof Relation relation && relation.hasSql()) {
            return relation.getSql().getQuery();
        }
        if (depth > 8) {
            return null;
        }
        for (var field : message.getAllFields().entrySet()) {
            if (field.getValue() instanceof com.google.protobuf.Message child) {
                String found = sqlText(child, depth + 1);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private ExecutePlanResponse.Builder response() {
        return ExecutePlanResponse.newBuilder()
                .setSessionId(session.sessionId)
                .setServerSideSessionId(session.serverSideSessionId)
                .setOperationId(operation.operationId)
                .setResponseId(UUID.randomUUID().toString());
    }

    private void send(ExecutePlanResponse.Builder response) {
        operation.add(response.build());
    }
}
