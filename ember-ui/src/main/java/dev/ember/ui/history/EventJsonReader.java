package dev.ember.ui.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ember.StorageLevel;
import dev.ember.events.EmberListenerEvent;
import dev.ember.events.JobResult;
import dev.ember.events.RddInfo;
import dev.ember.events.StageInfo;
import dev.ember.events.TaskInfo;
import dev.ember.events.TaskLocality;
import dev.ember.executor.TaskEndReason;
import dev.ember.metrics.TaskMetrics;
import dev.ember.sql.execution.SqlEvents;
import dev.ember.storage.BlockId;
import dev.ember.storage.BlockManagerId;
import dev.ember.storage.BlockStatus;
import dev.ember.ui.status.JvmDetails;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Reads the lines {@link EventJson} writes back into events: strict about the types of the fields an event needs,
 * tolerant of unknown fields and events (an unknown event reads as null, to be skipped).
 */
final class EventJsonReader {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String[] METRICS = EventJson.METRICS;

    private EventJsonReader() {}

    /**
     * The event on {@code line}; null for an event this version does not know.
     *
     * @throws IOException when the line is not JSON or lacks a field the event needs
     */
    public static EmberListenerEvent read(String line) throws IOException {
        JsonNode node = MAPPER.readTree(line);
        if (node == null || !node.isObject()) {
            throw new IOException("not a JSON object");
        }
        Fields f = new Fields(node);
        return switch (f.text("Event")) {
            case "ApplicationStart" ->
                new EmberListenerEvent.ApplicationStart(
                        f.text("appName"), f.text("appId"), f.number("time"), f.optionalText("user", ""));
            case "ApplicationEnd" -> new EmberListenerEvent.ApplicationEnd(f.number("time"));
            case "EnvironmentUpdate" -> new EmberListenerEvent.EnvironmentUpdate(f.map("settings"));
            case "JvmDetails" ->
                new JvmDetails(
                        f.optionalText("javaVersion", ""),
                        f.optionalText("javaHome", ""),
                        f.map("systemProperties"),
                        f.strings("classPath"));
            case "JobStart" -> {
                List<StageInfo> stages = new ArrayList<>();
                for (JsonNode stage : f.array("stages")) {
                    stages.add(readStage(new Fields(stage)));
                }
                yield new EmberListenerEvent.JobStart(f.integer("jobId"), f.number("time"), stages, f.properties());
            }
            case "JobEnd" ->
                new EmberListenerEvent.JobEnd(
                        f.integer("jobId"),
                        f.number("time"),
                        node.has("failure")
                                ? new JobResult.JobFailed(new RuntimeException(f.text("failure")))
                                : new JobResult.JobSucceeded());
            case "StageSubmitted" ->
                new EmberListenerEvent.StageSubmitted(readStage(f.object("stage")), f.properties());
            case "StageCompleted" -> new EmberListenerEvent.StageCompleted(readStage(f.object("stage")));
            case "TaskStart" ->
                new EmberListenerEvent.TaskStart(
                        f.integer("stageId"), f.integer("stageAttemptId"), readTask(f.object("task")));
            case "TaskGettingResult" -> new EmberListenerEvent.TaskGettingResult(readTask(f.object("task")));
            case "TaskEnd" ->
                new EmberListenerEvent.TaskEnd(
                        f.integer("stageId"),
                        f.integer("stageAttemptId"),
                        f.optionalText("taskType", "ResultTask"),
                        readReason(f.object("reason")),
                        readTask(f.object("task")),
                        node.has("metrics") ? readMetrics(f.object("metrics")) : null);
            case "SpeculativeTaskSubmitted" ->
                new EmberListenerEvent.SpeculativeTaskSubmitted(
                        f.integer("stageId"), f.integer("stageAttemptId"), f.integer("taskIndex"));
            case "ExecutorAdded" ->
                new EmberListenerEvent.ExecutorAdded(
                        f.number("time"), f.text("executorId"), f.text("host"), f.integer("cores"));
            case "ExecutorRemoved" ->
                new EmberListenerEvent.ExecutorRemoved(
                        f.number("time"), f.text("executorId"), f.optionalText("reason", ""));
            case "BlockManagerAdded" ->
                new EmberListenerEvent.BlockManagerAdded(
                        f.number("time"),
                        readBlockManager(f.object("blockManager")),
                        f.number("maxOnHeapMemory"),
                        f.number("maxOffHeapMemory"));
            case "BlockUpdated" ->
                new EmberListenerEvent.BlockUpdated(
                        readBlockManager(f.object("blockManager")),
                        new BlockId.RddBlockId(f.integer("rddId"), f.integer("splitIndex")),
                        new BlockStatus(
                                readLevel(f.object("storageLevel")), f.number("memorySize"), f.number("diskSize")));
            case "UnpersistRdd" -> new EmberListenerEvent.UnpersistRdd(f.integer("rddId"));
            case "SqlExecutionStart" -> readSqlStart(f);
            case "SqlExecutionPlanUpdate" ->
                new SqlEvents.ExecutionPlanUpdate(
                        f.number("executionId"), f.optionalText("physicalPlan", ""), readGraph(f));
            case "SqlExecutionEnd" -> {
                Map<Long, Long> metrics = new LinkedHashMap<>();
                for (Map.Entry<String, Long> metric : f.longs("metrics").entrySet()) {
                    try {
                        metrics.put(Long.parseLong(metric.getKey()), metric.getValue());
                    } catch (NumberFormatException e) {
                        throw new IOException("metric key " + metric.getKey() + " is not an accumulator id");
                    }
                }
                yield new SqlEvents.ExecutionEnd(
                        f.number("executionId"), f.number("time"), f.optionalText("error", null), metrics);
            }
            case "ExecutorMetricsUpdate" ->
                new EmberListenerEvent.ExecutorMetricsUpdate(
                        f.number("time"), f.text("executorId"), f.longs("metrics"));
            default -> null;
        };
    }

    private static SqlEvents.ExecutionStart readSqlStart(Fields f) throws IOException {
        return new SqlEvents.ExecutionStart(
                f.number("executionId"),
                f.text("description"),
                f.optionalText("details", ""),
                f.optionalText("physicalPlan", ""),
                readGraph(f),
                f.number("time"));
    }

    private static SqlEvents.PlanGraph readGraph(Fields f) throws IOException {
        List<SqlEvents.PlanNode> nodes = new ArrayList<>();
        for (JsonNode node : f.array("nodes")) {
            Fields n = new Fields(node);
            List<SqlEvents.PlanMetric> metrics = new ArrayList<>();
            for (JsonNode metric : n.array("metrics")) {
                Fields m = new Fields(metric);
                metrics.add(new SqlEvents.PlanMetric(m.text("name"), m.number("accumulatorId"), m.text("kind")));
            }
            nodes.add(new SqlEvents.PlanNode(
                    n.integer("id"), n.text("name"), n.optionalText("description", ""), metrics));
        }
        List<SqlEvents.PlanEdge> edges = new ArrayList<>();
        for (JsonNode edge : f.array("edges")) {
            Fields e = new Fields(edge);
            int from = e.integer("from");
            int to = e.integer("to");
            if (from < 0 || to < 0 || from >= nodes.size() || to >= nodes.size()) {
                throw new IOException("an edge between nodes that are not in the plan");
            }
            edges.add(new SqlEvents.PlanEdge(from, to));
        }
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).id() != i) {
                throw new IOException(
                        "plan node " + i + " has id " + nodes.get(i).id());
            }
        }
        return new SqlEvents.PlanGraph(nodes, edges);
    }

    private static StageInfo readStage(Fields f) throws IOException {
        List<RddInfo> rdds = new ArrayList<>();
        for (JsonNode rdd : f.array("rdds")) {
            Fields r = new Fields(rdd);
            rdds.add(new RddInfo(
                    r.integer("id"),
                    r.optionalText("name", null),
                    r.integer("numPartitions"),
                    rdd.has("storageLevel") ? readLevel(r.object("storageLevel")) : StorageLevel.NONE,
                    r.ints("parentIds"),
                    r.optionalText("callSite", null),
                    r.optionalText("scope", "RDD")));
        }
        StageInfo stage = new StageInfo(
                f.integer("stageId"),
                f.integer("attempt"),
                f.text("name"),
                f.integer("numTasks"),
                rdds,
                f.ints("parentIds"),
                f.optionalText("details", ""),
                f.bool("shuffleMap"));
        stage.markSubmitted(f.number("submissionTime"));
        if (f.node().has("accumulables")) {
            for (JsonNode accumulable : f.array("accumulables")) {
                Fields a = new Fields(accumulable);
                stage.updateAccumulable(
                        new dev.ember.events.AccumulableInfo(a.number("id"), a.text("name"), a.text("value")));
            }
        }
        String failure = f.optionalText("failureReason", null);
        if (failure != null) {
            stage.markFailed(failure, f.number("completionTime"));
        } else {
            stage.markCompleted(f.number("completionTime"));
        }
        return stage;
    }

    private static StorageLevel readLevel(Fields f) throws IOException {
        return StorageLevel.of(
                f.bool("disk"), f.bool("memory"), f.bool("offHeap"), f.bool("deserialized"), f.integer("replication"));
    }

    private static TaskInfo readTask(Fields f) throws IOException {
        TaskLocality locality;
        try {
            locality = TaskLocality.valueOf(f.text("locality"));
        } catch (IllegalArgumentException e) {
            throw new IOException("unknown task locality " + f.text("locality"));
        }
        TaskInfo task = new TaskInfo(
                f.number("taskId"),
                f.integer("index"),
                f.integer("attempt"),
                f.integer("partitionId"),
                f.number("launchTime"),
                f.text("executorId"),
                f.text("host"),
                locality,
                f.bool("speculative"));
        if (f.number("gettingResultTime") > 0) {
            task.markGettingResult(f.number("gettingResultTime"));
        }
        if (f.number("finishTime") > 0) {
            task.markFinished(f.number("finishTime"), f.bool("failed"), f.bool("killed"));
        }
        return task;
    }

    private static TaskEndReason readReason(Fields f) throws IOException {
        return switch (f.text("type")) {
            case "Success" -> new TaskEndReason.Success();
            case "Resubmitted" -> new TaskEndReason.Resubmitted();
            case "TaskKilled" -> new TaskEndReason.TaskKilled(f.optionalText("killReason", ""), List.of(), null);
            case "TaskResultLost" -> new TaskEndReason.TaskResultLost();
            case "ExceptionFailure" ->
                new TaskEndReason.ExceptionFailure(
                        f.optionalText("className", "Exception"),
                        f.optionalText("description", null),
                        new StackTraceElement[0],
                        f.optionalText("stackTrace", null),
                        null,
                        List.of(),
                        null);
            // Other failures keep their message: the UI shows it, and nothing reads their fields.
            default ->
                new TaskEndReason.ExceptionFailure(
                        f.text("type"),
                        f.optionalText("message", ""),
                        new StackTraceElement[0],
                        f.optionalText("message", ""),
                        null,
                        List.of(),
                        null);
        };
    }

    private static TaskMetrics readMetrics(Fields f) throws IOException {
        long[] v = new long[METRICS.length];
        for (int i = 0; i < METRICS.length; i++) {
            v[i] = f.optionalNumber(METRICS[i]);
        }
        TaskMetrics m = new TaskMetrics();
        m.setExecutorDeserializeTime(v[0], v[1]);
        m.setExecutorRunTime(v[2], v[3]);
        m.setResultSize(v[4]);
        m.setJvmGcTime(v[5]);
        m.setResultSerializationTime(v[6]);
        m.incMemoryBytesSpilled(v[7]);
        m.incDiskBytesSpilled(v[8]);
        m.setPeakExecutionMemory(v[9]);
        m.inputMetrics().incBytesRead(v[10]);
        m.inputMetrics().incRecordsRead(v[11]);
        m.outputMetrics().incBytesWritten(v[12]);
        m.outputMetrics().incRecordsWritten(v[13]);
        m.shuffleReadMetrics().incRemoteBlocksFetched(v[14]);
        m.shuffleReadMetrics().incLocalBlocksFetched(v[15]);
        m.shuffleReadMetrics().incRemoteBytesRead(v[16]);
        m.shuffleReadMetrics().incLocalBytesRead(v[17]);
        m.shuffleReadMetrics().incRecordsRead(v[18]);
        m.shuffleReadMetrics().incFetchWaitTime(v[19]);
        m.shuffleWriteMetrics().incBytesWritten(v[20]);
        m.shuffleWriteMetrics().incRecordsWritten(v[21]);
        m.shuffleWriteMetrics().incWriteTime(v[22]);
        return m;
    }

    private static BlockManagerId readBlockManager(Fields f) throws IOException {
        return new BlockManagerId(f.text("executorId"), f.text("host"), f.integer("port"));
    }

    /** Typed access to an object's fields, failing with the field's name. */
    private record Fields(JsonNode node) {
        private JsonNode field(String name) throws IOException {
            JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                throw new IOException("missing field " + name);
            }
            return value;
        }

        String text(String name) throws IOException {
            JsonNode value = field(name);
            if (!value.isTextual()) {
                throw new IOException("field " + name + " is not text");
            }
            return value.asText();
        }

        String optionalText(String name, String fallback) {
            JsonNode value = node.get(name);
            return value == null || !value.isTextual() ? fallback : value.asText();
        }

        long number(String name) throws IOException {
            JsonNode value = field(name);
            if (!value.canConvertToLong()) {
                throw new IOException("field " + name + " is not a whole number");
            }
            return value.asLong();
        }

        long optionalNumber(String name) {
            JsonNode value = node.get(name);
            return value == null || !value.canConvertToLong() ? 0 : value.asLong();
        }

        int integer(String name) throws IOException {
            JsonNode value = field(name);
            if (!value.canConvertToInt()) {
                throw new IOException("field " + name + " is not an int");
            }
            return value.asInt();
        }

        boolean bool(String name) throws IOException {
            JsonNode value = field(name);
            if (!value.isBoolean()) {
                throw new IOException("field " + name + " is not true or false");
            }
            return value.asBoolean();
        }

        Fields object(String name) throws IOException {
            JsonNode value = field(name);
            if (!value.isObject()) {
                throw new IOException("field " + name + " is not an object");
            }
            return new Fields(value);
        }

        JsonNode array(String name) throws IOException {
            JsonNode value = field(name);
            if (!value.isArray()) {
                throw new IOException("field " + name + " is not an array");
            }
            return value;
        }

        List<Integer> ints(String name) throws IOException {
            List<Integer> values = new ArrayList<>();
            for (JsonNode value : array(name)) {
                if (!value.canConvertToInt()) {
                    throw new IOException("field " + name + " holds a value that is not an int");
                }
                values.add(value.asInt());
            }
            return values;
        }

        List<String> strings(String name) throws IOException {
            List<String> values = new ArrayList<>();
            for (JsonNode value : array(name)) {
                values.add(value.asText());
            }
            return values;
        }

        Map<String, String> map(String name) throws IOException {
            Map<String, String> values = new LinkedHashMap<>();
            Fields object = object(name);
            Iterator<Map.Entry<String, JsonNode>> fields = object.node().fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> entry = fields.next();
                values.put(entry.getKey(), entry.getValue().asText());
            }
            return values;
        }

        Map<String, Long> longs(String name) throws IOException {
            Map<String, Long> values = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = object(name).node().fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> entry = fields.next();
                if (!entry.getValue().canConvertToLong()) {
                    throw new IOException("field " + name + "." + entry.getKey() + " is not a whole number");
                }
                values.put(entry.getKey(), entry.getValue().asLong());
            }
            return values;
        }

        Properties properties() throws IOException {
            Properties properties = new Properties();
            if (node.has("properties")) {
                properties.putAll(map("properties"));
            }
            return properties;
        }
    }
}
