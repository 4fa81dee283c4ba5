package dev.ember.ui.status;

import dev.ember.events.EmberListenerEvent;
import dev.ember.events.JobResult;
import dev.ember.sql.execution.SqlEvents;
import dev.ember.ui.api.ApiTypes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The SQL queries of the application: each execution's description, plan and graph, the jobs it ran and, once it
 * ended, what its nodes measured. Keeps the most recent {@code retained} finished executions. Fed by {@link AppStatus}
 * (under its lock); reads are synchronized here.
 */
final class SqlStatus {
    private final int retained;
    private final LinkedHashMap<Long, Execution> executions = new LinkedHashMap<>();
    /** Each known job's execution, and whether it is running, succeeded or failed. */
    private final Map<Integer, Long> jobExecution = new HashMap<>();

    private final Map<Integer, String> jobStatus = new HashMap<>();

    private static final class Execution {
        final SqlEvents.ExecutionStart start;
        final List<Integer> jobs = new ArrayList<>();
        SqlEvents.ExecutionEnd end;
        /** The plan as adaptive execution revised it last (the final one once it ended), and its graph. */
        String plan;

        SqlEvents.PlanGraph graph;

        Execution(SqlEvents.ExecutionStart start) {
            this.start = start;
            this.plan = start.physicalPlan();
            this.graph = start.graph();
        }
    }

    SqlStatus(int retained) {
        this.retained = retained;
    }

    synchronized void onEvent(EmberListenerEvent.Custom event) {
        if (event instanceof SqlEvents.ExecutionStart start) {
            executions.put(start.executionId(), new Execution(start));
            Iterator<Execution> oldest = executions.values().iterator();
            while (executions.size() > retained && oldest.hasNext()) {
                Execution execution = oldest.next();
                if (execution.end != null) {
                    execution.jobs.forEach(job -> {
                        jobExecution.remove(job);
                        jobStatus.remove(job);
                    });
                    oldest.remove();
                }
            }
        } else if (event instanceof SqlEvents.ExecutionPlanUpdate update) {
            Execution execution = executions.get(update.executionId());
            if (execution != null) {
                execution.plan = update.physicalPlan();
                execution.graph = update.graph();
            }
        } else if (event instanceof SqlEvents.ExecutionEnd end) {
            Execution execution = executions.get(end.executionId());
            if (execution != null) {
                execution.end = end;
            }
        }
    }

    synchronized void onJobStart(EmberListenerEvent.JobStart event) {
        String id = event.properties() == null ? null : event.properties().getProperty(SqlEvents.EXECUTION_ID);
        if (id == null) {
            return;
        }
        try {
            Execution execution = executions.get(Long.parseLong(id));
            if (execution != null) {
                execution.jobs.add(event.jobId());
                jobExecution.put(event.jobId(), execution.start.executionId());
                jobStatus.put(event.jobId(), "RUNNING");
            }
        } catch (NumberFormatException e) {
            // Not a property this module set: ignore the job.
        }
    }

    synchronized void onJobEnd(EmberListenerEvent.JobEnd event) {
        if (jobExecution.containsKey(event.jobId())) {
            jobStatus.put(event.jobId(), event.result() instanceof JobResult.JobSucceeded ? "SUCCEEDED" : "FAILED");
        }
    }

    /** Executions, newest first. */
    synchronized List<ApiTypes.ExecutionData> list(boolean details) {
        List<ApiTypes.ExecutionData> answer = new ArrayList<>();
        for (Execution execution : executions.values()) {
            answer.add(snapshot(execution, details));
        }
        answer.sort(Comparator.comparingLong(ApiTypes.ExecutionData::id).reversed());
        return answer;
    }

    synchronized Optional<ApiTypes.ExecutionData> get(long id) {
        Execution execution = executions.get(id);
        return execution == null ? Optional.empty() : Optional.of(snapshot(execution, true));
    }

    private ApiTypes.ExecutionData snapshot(Execution execution, boolean details) {
        SqlEvents.ExecutionStart start = execution.start;
        SqlEvents.ExecutionEnd end = execution.end;
        List<Integer> running = new ArrayList<>();
        List<Integer> succeeded = new ArrayList<>();
        List<Integer> failed = new ArrayList<>();
        for (int job : execution.jobs) {
            switch (jobStatus.getOrDefault(job, "RUNNING")) {
                case "SUCCEEDED" -> succeeded.add(job);
                case "FAILED" -> failed.add(job);
                default -> running.add(job);
            }
        }
        String status = end == null ? "RUNNING" : end.error() == null ? "COMPLETED" : "FAILED";
        List<ApiTypes.SqlNode> nodes = null;
        List<ApiTypes.SqlEdge> edges = null;
        if (details) {
            nodes = new ArrayList<>();
            for (SqlEvents.PlanNode node : execution.graph.nodes()) {
                List<ApiTypes.SqlMetricValue> metrics = new ArrayList<>();
                for (SqlEvents.PlanMetric metric : node.metrics()) {
                    Long value = end == null ? null : end.metrics().get(metric.accumulatorId());
                    if (value != null) {
                        metrics.add(new ApiTypes.SqlMetricValue(metric.name(), shown(metric.kind(), value), value));
                    }
                }
                nodes.add(new ApiTypes.SqlNode(node.id(), node.name(), node.description(), metrics));
            }
            edges = new ArrayList<>();
            for (SqlEvents.PlanEdge edge : execution.graph.edges()) {
                edges.add(new ApiTypes.SqlEdge(edge.from(), edge.to()));
            }
        }
        long finished = end == null ? System.currentTimeMillis() : end.time();
        return new ApiTypes.ExecutionData(
                start.executionId(),
                status,
                start.description(),
                details ? execution.plan : null,
                ApiTime.format(start.time()),
                finished - start.time(),
                running,
                succeeded,
                failed,
                nodes,
                edges,
                end == null ? null : end.error());
    }

    /** A metric's value as shown: counts with separators, times in ms, sizes in binary units. */
    static String shown(String kind, long value) {
        return switch (kind) {
            case "nanos" -> String.format(Locale.ROOT, "%,d ms", value / 1_000_000);
            case "bytes" -> dev.ember.util.ByteSizes.format(value);
            default -> String.format(Locale.ROOT, "%,d", value);
        };
    }
}
