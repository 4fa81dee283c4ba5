package dev.ember.network.rpc;

import dev.ember.util.ThreadUtils;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread of one endpoint ("rpc-NAME"): runs its callbacks one at a time in the order they were posted, so
 * that the endpoint owns its state without locks. A callback that throws goes to {@link RpcEndpoint#onError}.
 * After {@link #stop}, {@link RpcEndpoint#onStop} runs last and later posts are dropped.
 */
final class Inbox {
    private static final Logger LOG = LoggerFactory.getLogger(Inbox.class);

    private final String name;
    private final RpcEndpoint endpoint;
    private final ThreadPoolExecutor thread;

    Inbox(String name, RpcEndpoint endpoint) {
        this.name = name;
        this.endpoint = endpoint;
        this.thread = new ThreadPoolExecutor(
                1,
                1,
                0,
                TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(),
                ThreadUtils.namedThreadFactory("rpc-" + name, true));
        post(endpoint::onStart);
    }

    RpcEndpoint endpoint() {
        return endpoint;
    }

    /** Runs {@code action} on the endpoint's thread; false when the endpoint has stopped. */
    boolean post(Runnable action) {
        try {
            thread.execute(() -> {
                try {
                    action.run();
                } catch (RuntimeException | Error e) {
                    LOG.warn("Endpoint {} failed handling a message: {}", name, e.toString());
                    LOG.debug("Endpoint failure", e);
                    try {
                        endpoint.onError(e);
                    } catch (RuntimeException again) {
                        LOG.warn("Endpoint {} failed in onError: {}", name, again.toString());
                    }
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    void stop(Duration timeout) {
        post(endpoint::onStop);
        ThreadUtils.shutdownAndAwait(thread, timeout);
    }
}
