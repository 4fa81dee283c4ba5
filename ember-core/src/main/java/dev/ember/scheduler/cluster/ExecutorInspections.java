package dev.ember.scheduler.cluster;

import dev.ember.network.rpc.RpcEndpointRef;
import dev.ember.status.ExecutorInspector;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver's side of asking executor processes about themselves: the registered executors' endpoints (kept by the
 * backend as they come and go), each question asked with a timeout. Called from the UI's threads.
 */
final class ExecutorInspections implements ExecutorInspector {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorInspections.class);

    private final Map<String, RpcEndpointRef> executors = new ConcurrentHashMap<>();
    private final Duration timeout;

    ExecutorInspections(Duration timeout) {
        this.timeout = timeout;
    }

    void registered(String executorId, RpcEndpointRef ref) {
        executors.put(executorId, ref);
    }

    void removed(String executorId) {
        executors.remove(executorId);
    }

    @Override
    public Optional<List<ThreadStack>> threadDump(String executorId) {
        return ask(executorId, new ClusterMessages.InspectExecutor("threads", 0), ClusterMessages.ExecutorThreads.class)
                .map(ClusterMessages.ExecutorThreads::threads);
    }

    @Override
    public Optional<LogTail> log(String executorId, String stream, int maxBytes) {
        if (!stream.equals("stdout") && !stream.equals("stderr")) {
            return Optional.empty();
        }
        return ask(
                        executorId,
                        new ClusterMessages.InspectExecutor(stream, Math.min(maxBytes, MAX_LOG_BYTES)),
                        ClusterMessages.ExecutorLog.class)
                .map(log -> new LogTail(log.text(), log.totalBytes()));
    }

    private <T> Optional<T> ask(String executorId, ClusterMessages.InspectExecutor question, Class<T> answer) {
        RpcEndpointRef executor = executors.get(executorId);
        if (executor == null) {
            return Optional.empty();
        }
        try {
            Object reply = executor.askSync(question, timeout);
            return answer.isInstance(reply) ? Optional.of(answer.cast(reply)) : Optional.empty();
        } catch (RuntimeException e) {
            LOG.info("Executor {} did not answer for its {}: {}", executorId, question.what(), e.toString());
            return Optional.empty();
        }
    }
}
