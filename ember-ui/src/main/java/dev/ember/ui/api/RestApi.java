package dev.ember.ui.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ember.network.http.HttpRequest;
import dev.ember.network.http.HttpResponse;
import dev.ember.ui.status.AppStatus;
import dev.ember.ui.status.ExecutorAccess;
import dev.ember.ui.status.TaskSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Answers {@code /api/v1/...} with JSON, on the paths and with the fields of Apache Spark's monitoring REST API.
 * Unknown paths and ids answer 404 and malformed parameters 400, both with a JSON {@link ApiTypes.ApiError}.
 */
public final class RestApi {
    public static final String PREFIX = "/api/v1";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int MAX_TASK_PAGE = 100_000;

    private final Applications applications;
    private final ExecutorAccess access;

    /** @param access what the application's processes can be asked; null when they do not run (history) */
    public RestApi(Applications applications, ExecutorAccess access) {
        this.applications = applications;
        this.access = access;
    }

    public HttpResponse answer(HttpRequest request) {
        String[] parts = request.path()
                .substring(PREFIX.length())
                .replaceAll("^/+|/+$", "")
                .split("/+");
        try {
            return json(200, route(parts, request));
        } catch (NotFound e) {
            return json(404, new ApiTypes.ApiError(404, e.getMessage()));
        } catch (IllegalArgumentException | HttpRequest.BadRequestException e) {
            return json(400, new ApiTypes.ApiError(400, e.getMessage()));
        }
    }

    private Object route(String[] parts, HttpRequest request) {
        if (parts.length == 1 && parts[0].equals("version")) {
            return java.util.Map.of("ember", dev.ember.ui.status.EmberVersion.VERSION);
        }
        if (parts.length == 0 || !parts[0].equals("applications")) {
            throw new NotFound("Nothing at " + request.path() + "; the API starts at " + PREFIX + "/applications");
        }
        if (parts.length == 1) {
            return applications.list().stream().map(AppStatus::application).toList();
        }
        AppStatus app =
                applications.get(parts[1]).orElseThrow(() -> new NotFound("No application with id " + parts[1]));
        if (parts.length == 2) {
            return app.application();
        }
        return switch (parts[2]) {
            case "jobs" -> jobs(app, parts, request);
            case "stages" -> stages(app, parts, request);
            case "executors", "allexecutors" -> executors(app, parts, access);
            case "storage" -> storage(app, parts, request);
            case "sql" -> sql(app, parts, request);
            case "environment" -> {
                expectLength(parts, 3, request);
                yield app.environment();
            }
            default -> throw new NotFound("Nothing at " + request.path());
        };
    }

    private static Object jobs(AppStatus app, String[] parts, HttpRequest request) {
        if (parts.length == 3) {
            return app.jobs(statusFilter(request, Set.of("RUNNING", "SUCCEEDED", "FAILED", "UNKNOWN")));
        }
        expectLength(parts, 4, request);
        int jobId = id(parts[3], "job");
        return app.job(jobId).orElseThrow(() -> new NotFound("No job with id " + jobId));
    }

    private static Object stages(AppStatus app, String[] parts, HttpRequest request) {
        boolean details = Boolean.parseBoolean(request.param("details"));
        if (parts.length == 3) {
            return app.stages(
                    statusFilter(request, Set.of("ACTIVE", "COMPLETE", "PENDING", "FAILED", "SKIPPED")), details);
        }
        int stageId = id(parts[3], "stage");
        if (parts.length == 4) {
            List<ApiTypes.StageData> attempts = app.stageAttempts(stageId, details);
            if (attempts.isEmpty()) {
                throw new NotFound("No stage with id " + stageId);
            }
            return attempts;
        }
        int attemptId = id(parts[4], "stage attempt");
        NotFound missing = new NotFound("No attempt " + attemptId + " of stage " + stageId);
        if (parts.length == 5) {
            return app.stage(stageId, attemptId, details).orElseThrow(() -> missing);
        }
        expectLength(parts, 6, request);
        List<ApiTypes.TaskData> tasks = app.tasks(stageId, attemptId).orElseThrow(() -> missing);
        return switch (parts[5]) {
            case "taskSummary" -> {
                String asked = request.param("quantiles");
                List<Double> quantiles =
                        asked == null ? List.of(0.05, 0.25, 0.5, 0.75, 0.95) : TaskSummary.parse(asked);
                yield TaskSummary.of(tasks, quantiles)
                        .orElseThrow(() -> new NotFound("No task of stage " + stageId + " attempt " + attemptId
                                + " has finished successfully yet"));
            }
            case "taskList" ->
                taskPage(
                        tasks,
                        request.param("sortBy"),
                        request.intParam("offset", 0),
                        request.intParam("length", 20),
                        request.param("status"));
            default -> throw new NotFound("Nothing at " + request.path());
        };
    }

    /** A page of tasks sorted as asked ({@code runtime}, {@code -runtime}, {@code ID}, ...). */
    public static List<ApiTypes.TaskData> taskPage(
            List<ApiTypes.TaskData> tasks, String sortBy, int offset, int length, String status) {
        if (offset < 0 || length < 0 || length > MAX_TASK_PAGE) {
            throw new IllegalArgumentException("offset must be 0 or more and length between 0 and " + MAX_TASK_PAGE);
        }
        List<ApiTypes.TaskData> chosen = new ArrayList<>(tasks);
        if (status != null) {
            String wanted = status.toUpperCase(Locale.ROOT);
            chosen.removeIf(task -> !task.status().equals(wanted));
        }
        chosen.sort(TaskOrder.of(sortBy == null ? "ID" : sortBy));
        int from = Math.min(offset, chosen.size());
        return List.copyOf(chosen.subList(from, Math.min(chosen.size(), from + length)));
    }

    private static Object executors(AppStatus app, String[] parts, ExecutorAccess access) {
        if (parts.length == 3) {
            return app.executors(parts[2].equals("allexecutors"));
        }
        if (parts.length == 5 && parts[2].equals("executors") && parts[4].equals("threads")) {
            String executorId = parts[3];
            boolean known = app.executors(false).stream().anyMatch(e -> e.id().equals(executorId));
            if (!known || app.completed() || access == null) {
                throw new NotFound("No active executor with id " + executorId);
            }
            return access.threads(executorId)
                    .orElseThrow(() -> new NotFound("Executor " + executorId + " did not answer for its threads"));
        }
        throw new NotFound("Nothing at /" + String.join("/", parts));
    }

    private static Object sql(AppStatus app, String[] parts, HttpRequest request) {
        boolean details = !"false".equals(request.param("details"));
        if (parts.length == 3) {
            List<ApiTypes.ExecutionData> all = app.sqlExecutions(details);
            int offset = request.intParam("offset", 0);
            int length = request.intParam("length", 20);
            if (offset < 0 || length < 0) {
                throw new IllegalArgumentException("offset and length must be 0 or more");
            }
            int from = Math.min(offset, all.size());
            return all.subList(from, Math.min(all.size(), from + length));
        }
        expectLength(parts, 4, request);
        long id;
        try {
            id = Long.parseLong(parts[3]);
        } catch (NumberFormatException e) {
            throw new NotFound("No SQL execution with id " + parts[3]);
        }
        return app.sqlExecution(id).orElseThrow(() -> new NotFound("No SQL execution with id " + parts[3]));
    }

    private static Object storage(AppStatus app, String[] parts, HttpRequest request) {
        if (parts.length < 4 || !parts[3].equals("rdd")) {
            throw new NotFound("Nothing at " + request.path());
        }
        if (parts.length == 4) {
            return app.rdds();
        }
        expectLength(parts, 5, request);
        int rddId = id(parts[4], "RDD");
        return app.rdd(rddId).orElseThrow(() -> new NotFound("No cached RDD with id " + rddId));
    }

    private static Predicate<String> statusFilter(HttpRequest request, Set<String> known) {
        List<String> asked = request.query().getOrDefault("status", List.of());
        if (asked.isEmpty()) {
            return status -> true;
        }
        List<String> wanted = new ArrayList<>();
        for (String value : asked) {
            for (String one : value.split(",")) {
                String upper = one.trim().toUpperCase(Locale.ROOT);
                if (!known.contains(upper)) {
                    throw new IllegalArgumentException("status must be one of "
                            + known.stream()
                                    .sorted()
                                    .map(s -> s.toLowerCase(Locale.ROOT))
                                    .toList() + ", not '" + one + "'");
                }
                wanted.add(upper);
            }
        }
        return wanted::contains;
    }

    private static int id(String text, String what) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new NotFound("No " + what + " with id " + text);
        }
    }

    private static void expectLength(String[] parts, int length, HttpRequest request) {
        if (parts.length != length) {
            throw new NotFound("Nothing at " + request.path());
        }
    }

    /** {@code value} as indented JSON. */
    public static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static HttpResponse json(int status, Object value) {
        return HttpResponse.json(status, toJson(value) + "\n");
    }

    /** An id or path the API does not know. */
    private static final class NotFound extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotFound(String message) {
            super(message, null, false, false);
        }
    }

    /** Orders of the task list, by the names Spark's API takes. */
    private static final class TaskOrder {
        private TaskOrder() {}

        static Comparator<ApiTypes.TaskData> of(String sortBy) {
            boolean descending = sortBy.startsWith("-");
            String key = descending ? sortBy.substring(1) : sortBy;
            Comparator<ApiTypes.TaskData> order =
                    switch (key) {
                        case "ID", "taskId", "index" -> Comparator.comparingLong(ApiTypes.TaskData::taskId);
                        case "runtime", "duration" ->
                            Comparator.comparingLong(t -> t.duration() == null ? -1 : t.duration());
                        case "launchTime" ->
                            Comparator.comparing(
                                    t -> Optional.ofNullable(t.launchTime()).orElse(""));
                        case "executor" -> Comparator.comparing(ApiTypes.TaskData::executorId);
                        case "status" -> Comparator.comparing(ApiTypes.TaskData::status);
                        case "gcTime" -> metric(t -> t.taskMetrics().jvmGcTime());
                        case "input" ->
                            metric(t -> t.taskMetrics().inputMetrics().bytesRead());
                        case "shuffleRead" ->
                            metric(t -> t.taskMetrics().shuffleReadMetrics().remoteBytesRead()
                                    + t.taskMetrics().shuffleReadMetrics().localBytesRead());
                        case "shuffleWrite" ->
                            metric(t -> t.taskMetrics().shuffleWriteMetrics().bytesWritten());
                        case "spill" ->
                            metric(t -> t.taskMetrics().memoryBytesSpilled()
                                    + t.taskMetrics().diskBytesSpilled());
                        case "locality" -> Comparator.comparing(ApiTypes.TaskData::taskLocality);
                        default ->
                            throw new IllegalArgumentException(
                                    "sortBy must be one of ID, runtime, launchTime, executor,"
                                            + " status, gcTime, input, shuffleRead, shuffleWrite, spill, locality (- before it for"
                                            + " descending), not '" + sortBy + "'");
                    };
            order = order.thenComparingLong(ApiTypes.TaskData::taskId);
            return descending ? order.reversed() : order;
        }

        private static Comparator<ApiTypes.TaskData> metric(
                java.util.function.ToLongFunction<ApiTypes.TaskData> value) {
            return Comparator.comparingLong(t -> t.taskMetrics() == null ? -1 : value.applyAsLong(t));
        }
    }
}
