package dev.ember.ui.history;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.ember.StorageLevel;
import dev.ember.events.EmberListenerEvent;
import dev.ember.events.JobResult;
import dev.ember.events.RddInfo;
import dev.ember.events.StageInfo;
import dev.ember.events.TaskInfo;
import dev.ember.executor.TaskEndReason;
import dev.ember.metrics.TaskMetrics;
import dev.ember.sql.execution.SqlEvents;
import dev.ember.storage.BlockId;
import dev.ember.storage.BlockManagerId;
import dev.ember.ui.status.JvmDetails;
import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Listener events as one line of JSON each ({@link EventJsonReader} reads them back). Each line is an object whose
 * {@code Event} field names the event; what the UI does not show (blocks other than cached RDD partitions) is not
 * written.
 */
public final class EventJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private EventJson() {}

    /** Whether {@code event} is written to logs at all. */
    static boolean logged(EmberListenerEvent event) {
        if (event instanceof EmberListenerEvent.BlockUpdated update) {
            return update.blockId() instanceof BlockId.RddBlockId;
        }
        return !(event instanceof EmberListenerEvent.Custom)
                || event instanceof JvmDetails
                || event instanceof SqlEvents.ExecutionStart
                || event instanceof SqlEvents.ExecutionPlanUpdate
                || event instanceof SqlEvents.ExecutionEnd;
    }

    /** Writes {@code event} as one line (with its newline). */
    static void write(EmberListenerEvent event, Writer out) throws IOException {
        JsonGenerator json = FACTORY.createGenerator(out);
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        json.writeStartObject();
        if (event instanceof EmberListenerEvent.ApplicationStart e) {
            json.writeStringField("Event", "ApplicationStart");
            json.writeStringField("appName", e.appName());
            json.writeStringField("appId", e.appId());
            json.writeNumberField("time", e.time());
            json.writeStringField("user", e.user());
        } else if (event instanceof EmberListenerEvent.ApplicationEnd e) {
            json.writeStringField("Event", "ApplicationEnd");
            json.writeNumberField("time", e.time());
        } else if (event instanceof EmberListenerEvent.EnvironmentUpdate e) {
            json.writeStringField("Event", "EnvironmentUpdate");
            writeMap(json, "settings", e.settings());
        } else if (event instanceof JvmDetails e) {
            json.writeStringField("Event", "JvmDetails");
            json.writeStringField("javaVersion", e.javaVersion());
            json.writeStringField("javaHome", e.javaHome());
            writeMap(json, "systemProperties", e.systemProperties());
            json.writeArrayFieldStart("classPath");
            for (String entry : e.classPath()) {
                json.writeString(entry);
            }
            json.writeEndArray();
        } else if (event instanceof EmberListenerEvent.JobStart e) {
            json.writeStringField("Event", "JobStart");
            json.writeNumberField("jobId", e.jobId());
            json.writeNumberField("time", e.time());
            json.writeArrayFieldStart("stages");
            for (StageInfo stage : e.stageInfos()) {
                writeStage(json, stage);
            }
            json.writeEndArray();
            writeProperties(json, e.properties());
        } else if (event instanceof EmberListenerEvent.JobEnd e) {
            json.writeStringField("Event", "JobEnd");
            json.writeNumberField("jobId", e.jobId());
            json.writeNumberField("time", e.time());
            if (e.result() instanceof JobResult.JobFailed failed) {
                json.writeStringField("failure", String.valueOf(failed.exception()));
            }
        } else if (event instanceof EmberListenerEvent.StageSubmitted e) {
            json.writeStringField("Event", "StageSubmitted");
            json.writeFieldName("stage");
            writeStage(json, e.stageInfo());
            writeProperties(json, e.properties());
        } else if (event instanceof EmberListenerEvent.StageCompleted e) {
            json.writeStringField("Event", "StageCompleted");
            json.writeFieldName("stage");
            writeStage(json, e.stageInfo());
        } else if (event instanceof EmberListenerEvent.TaskStart e) {
            json.writeStringField("Event", "TaskStart");
            json.writeNumberField("stageId", e.stageId());
            json.writeNumberField("stageAttemptId", e.stageAttemptId());
            writeTask(json, e.taskInfo());
        } else if (event instanceof EmberListenerEvent.TaskGettingResult e) {
            json.writeStringField("Event", "TaskGettingResult");
            writeTask(json, e.taskInfo());
        } else if (event instanceof EmberListenerEvent.TaskEnd e) {
            json.writeStringField("Event", "TaskEnd");
            json.writeNumberField("stageId", e.stageId());
            json.writeNumberField("stageAttemptId", e.stageAttemptId());
            json.writeStringField("taskType", e.taskType());
            writeReason(json, e.reason());
            writeTask(json, e.taskInfo());
            if (e.metrics() != null) {
                writeMetrics(json, e.metrics());
            }
        } else if (event instanceof EmberListenerEvent.SpeculativeTaskSubmitted e) {
            json.writeStringField("Event", "SpeculativeTaskSubmitted");
            json.writeNumberField("stageId", e.stageId());
            json.writeNumberField("stageAttemptId", e.stageAttemptId());
            json.writeNumberField("taskIndex", e.taskIndex());
        } else if (event instanceof EmberListenerEvent.ExecutorAdded e) {
            json.writeStringField("Event", "ExecutorAdded");
            json.writeNumberField("time", e.time());
            json.writeStringField("executorId", e.executorId());
            json.writeStringField("host", e.host());
            json.writeNumberField("cores", e.cores());
        } else if (event instanceof EmberListenerEvent.ExecutorRemoved e) {
            json.writeStringField("Event", "ExecutorRemoved");
            json.writeNumberField("time", e.time());
            json.writeStringField("executorId", e.executorId());
            json.writeStringField("reason", e.reason());
        } else if (event instanceof EmberListenerEvent.BlockManagerAdded e) {
            json.writeStringField("Event", "BlockManagerAdded");
            json.writeNumberField("time", e.time());
            writeBlockManager(json, e.blockManagerId());
            json.writeNumberField("maxOnHeapMemory", e.maxOnHeapMemory());
            json.writeNumberField("maxOffHeapMemory", e.maxOffHeapMemory());
        } else if (event instanceof EmberListenerEvent.BlockUpdated e) {
            BlockId.RddBlockId block = (BlockId.RddBlockId) e.blockId();
            json.writeStringField("Event", "BlockUpdated");
            writeBlockManager(json, e.blockManagerId());
            json.writeNumberField("rddId", block.rddId());
            json.writeNumberField("splitIndex", block.splitIndex());
            writeLevel(json, "storageLevel", e.status().level());
            json.writeNumberField("memorySize", e.status().memorySize());
            json.writeNumberField("diskSize", e.status().diskSize());
        } else if (event instanceof EmberListenerEvent.ExecutorMetricsUpdate e) {
            json.writeStringField("Event", "ExecutorMetricsUpdate");
            json.writeNumberField("time", e.time());
            json.writeStringField("executorId", e.executorId());
            json.writeObjectFieldStart("metrics");
            for (Map.Entry<String, Long> metric : e.metrics().entrySet()) {
                json.writeNumberField(metric.getKey(), metric.getValue());
            }
            json.writeEndObject();
        } else if (event instanceof SqlEvents.ExecutionStart e) {
            json.writeStringField("Event", "SqlExecutionStart");
            json.writeNumberField("executionId", e.executionId());
            json.writeStringField("description", e.description());
            json.writeStringField("details", e.details());
            json.writeStringField("physicalPlan", e.physicalPlan());
            json.writeNumberField("time", e.time());
            writeGraph(json, e.graph());
        } else if (event instanceof SqlEvents.ExecutionPlanUpdate e) {
            json.writeStringField("Event", "SqlExecutionPlanUpdate");
            json.writeNumberField("executionId", e.executionId());
            json.writeStringField("physicalPlan", e.physicalPlan());
            writeGraph(json, e.graph());
        } else if (event instanceof SqlEvents.ExecutionEnd e) {
            json.writeStringField("Event", "SqlExecutionEnd");
            json.writeNumberField("executionId", e.executionId());
            json.writeNumberField("time", e.time());
            if (e.error() != null) {
                json.writeStringField("error", e.error());
            }
            json.writeObjectFieldStart("metrics");
            for (Map.Entry<Long, Long> metric : e.metrics().entrySet()) {
                json.writeNumberField(Long.toString(metric.getKey()), metric.getValue());
            }
            json.writeEndObject();
        } else if (event instanceof EmberListenerEvent.UnpersistRdd e) {
            json.writeStringField("Event", "UnpersistRdd");
            json.writeNumberField("rddId", e.rddId());
        } else {
            throw new IllegalArgumentException(
                    "Not a logged event: " + event.getClass().getName());
        }
        json.writeEndObject();
        json.flush();
        out.write('\n');
    }

    private static void writeGraph(JsonGenerator json, SqlEvents.PlanGraph graph) throws IOException {
        json.writeArrayFieldStart("nodes");
        for (SqlEvents.PlanNode node : graph.nodes()) {
            json.writeStartObject();
            json.writeNumberField("id", node.id());
            json.writeStringField("name", node.name());
            json.writeStringField("description", node.description());
            json.writeArrayFieldStart("metrics");
            for (SqlEvents.PlanMetric metric : node.metrics()) {
                json.writeStartObject();
                json.writeStringField("name", metric.name());
                json.writeNumberField("accumulatorId", metric.accumulatorId());
                json.writeStringField("kind", metric.kind());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("edges");
        for (SqlEvents.PlanEdge edge : graph.edges()) {
            json.writeStartObject();
            json.writeNumberField("from", edge.from());
            json.writeNumberField("to", edge.to());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void writeMap(JsonGenerator json, String name, Map<String, String> values) throws IOException {
        json.writeObjectFieldStart(name);
        for (Map.Entry<String, String> entry : values.entrySet()) {
            json.writeStringField(entry.getKey(), entry.getValue());
        }
        json.writeEndObject();
    }

    private static void writeProperties(JsonGenerator json, Properties properties) throws IOException {
        if (properties == null) {
            return;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : properties.stringPropertyNames()) {
            values.put(name, properties.getProperty(name));
        }
        writeMap(json, "properties", values);
    }

    private static void writeStage(JsonGenerator json, StageInfo stage) throws IOException {
        json.writeStartObject();
        json.writeNumberField("stageId", stage.stageId());
        json.writeNumberField("attempt", stage.attemptNumber());
        json.writeStringField("name", stage.name());
        json.writeNumberField("numTasks", stage.numTasks());
        json.writeArrayFieldStart("rdds");
        for (RddInfo rdd : stage.rddInfos()) {
            json.writeStartObject();
            json.writeNumberField("id", rdd.id());
            json.writeStringField("name", rdd.name());
            json.writeNumberField("numPartitions", rdd.numPartitions());
            writeLevel(json, "storageLevel", rdd.storageLevel());
            writeInts(json, "parentIds", rdd.parentIds());
            json.writeStringField("callSite", rdd.callSite());
            json.writeStringField("scope", rdd.scope());
            json.writeEndObject();
        }
        json.writeEndArray();
        writeInts(json, "parentIds", stage.parentIds());
        json.writeStringField("details", stage.details());
        json.writeBooleanField("shuffleMap", stage.isShuffleMap());
        json.writeNumberField("submissionTime", stage.submissionTime());
        json.writeNumberField("completionTime", stage.completionTime());
        if (stage.failureReason() != null) {
            json.writeStringField("failureReason", stage.failureReason());
        }
        if (!stage.accumulables().isEmpty()) {
            json.writeArrayFieldStart("accumulables");
            for (dev.ember.events.AccumulableInfo accumulable :
                    stage.accumulables().values()) {
                json.writeStartObject();
                json.writeNumberField("id", accumulable.id());
                json.writeStringField("name", accumulable.name());
                json.writeStringField("value", accumulable.value());
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        json.writeEndObject();
    }

    private static void writeInts(JsonGenerator json, String name, List<Integer> values) throws IOException {
        json.writeArrayFieldStart(name);
        for (int value : values) {
            json.writeNumber(value);
        }
        json.writeEndArray();
    }

    private static void writeLevel(JsonGenerator json, String name, StorageLevel level) throws IOException {
        if (level == null) {
            return;
        }
        json.writeObjectFieldStart(name);
        json.writeBooleanField("disk", level.useDisk());
        json.writeBooleanField("memory", level.useMemory());
        json.writeBooleanField("offHeap", level.useOffHeap());
        json.writeBooleanField("deserialized", level.deserialized());
        json.writeNumberField("replication", level.replication());
        json.writeEndObject();
    }

    private static void writeTask(JsonGenerator json, TaskInfo task) throws IOException {
        json.writeObjectFieldStart("task");
        json.writeNumberField("taskId", task.taskId());
        json.writeNumberField("index", task.index());
        json.writeNumberField("attempt", task.attemptNumber());
        json.writeNumberField("partitionId", task.partitionId());
        json.writeNumberField("launchTime", task.launchTime());
        json.writeStringField("executorId", task.executorId());
        json.writeStringField("host", task.host());
        json.writeStringField("locality", task.locality().name());
        json.writeBooleanField("speculative", task.speculative());
        json.writeNumberField("gettingResultTime", task.gettingResultTime());
        json.writeNumberField("finishTime", task.finishTime());
        json.writeBooleanField("failed", task.failed());
        json.writeBooleanField("killed", task.killed());
        json.writeEndObject();
    }

    private static void writeReason(JsonGenerator json, TaskEndReason reason) throws IOException {
        json.writeObjectFieldStart("reason");
        json.writeStringField("type", reason.getClass().getSimpleName());
        json.writeStringField("message", reason.toErrorString());
        if (reason instanceof TaskEndReason.ExceptionFailure failure) {
            json.writeStringField("className", failure.className());
            json.writeStringField("description", failure.description());
            json.writeStringField("stackTrace", failure.fullStackTrace());
        } else if (reason instanceof TaskEndReason.TaskKilled killed) {
            json.writeStringField("killReason", killed.reason());
        }
        json.writeEndObject();
    }

    private static void writeMetrics(JsonGenerator json, TaskMetrics m) throws IOException {
        json.writeObjectFieldStart("metrics");
        long[] values = {
            m.executorDeserializeTimeMillis(),
            m.executorDeserializeCpuTimeNanos(),
            m.executorRunTimeMillis(),
            m.executorCpuTimeNanos(),
            m.resultSize(),
            m.jvmGcTimeMillis(),
            m.resultSerializationTimeMillis(),
            m.memoryBytesSpilled(),
            m.diskBytesSpilled(),
            m.peakExecutionMemory(),
            m.inputMetrics().bytesRead(),
            m.inputMetrics().recordsRead(),
            m.outputMetrics().bytesWritten(),
            m.outputMetrics().recordsWritten(),
            m.shuffleReadMetrics().remoteBlocksFetched(),
            m.shuffleReadMetrics().localBlocksFetched(),
            m.shuffleReadMetrics().remoteBytesRead(),
            m.shuffleReadMetrics().localBytesRead(),
            m.shuffleReadMetrics().recordsRead(),
            m.shuffleReadMetrics().fetchWaitTimeMillis(),
            m.shuffleWriteMetrics().bytesWritten(),
            m.shuffleWriteMetrics().recordsWritten(),
            m.shuffleWriteMetrics().writeTimeNanos()
        };
        for (int i = 0; i < values.length; i++) {
            if (values[i] != 0) {
                json.writeNumberField(METRICS[i], values[i]);
            }
        }
        json.writeEndObject();
    }

    private static void writeBlockManager(JsonGenerator json, BlockManagerId id) throws IOException {
        json.writeObjectFieldStart("blockManager");
        json.writeStringField("executorId", id.executorId());
        json.writeStringField("host", id.host());
        json.writeNumberField("port", id.port());
        json.writeEndObject();
    }

    /** The metric names, in the order {@link #writeMetrics} lists them. */
    static final String[] METRICS = {
        "deserializeTime",
        "deserializeCpuTime",
        "runTime",
        "cpuTime",
        "resultSize",
        "gcTime",
        "resultSerializationTime",
        "memoryBytesSpilled",
        "diskBytesSpilled",
        "peakExecutionMemory",
        "inputBytes",
        "inputRecords",
        "outputBytes",
        "outputRecords",
        "remoteBlocksFetched",
        "localBlocksFetched",
        "remoteBytesRead",
        "localBytesRead",
        "shuffleRecordsRead",
        "fetchWaitTime",
        "shuffleBytesWritten",
        "shuffleRecordsWritten",
        "shuffleWriteTime"
    };
}
