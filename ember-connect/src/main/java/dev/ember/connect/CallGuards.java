package dev.ember.connect;

import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * What every call passes before the service sees it: the token, when the server has one, and a time budget for the
 * request to arrive. A client that sends its request slowly, or never finishes it, has its call closed when the budget
 * runs out; the budget starts again with each message of a client stream (AddArtifacts).
 */
final class CallGuards {
    static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private CallGuards() {}

    /** Refuses calls without {@code authorization: Bearer <token>}; the comparison takes the same time either way. */
    static ServerInterceptor token(String token) {
        byte[] expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
        return new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(
                    ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
                String given = headers.get(AUTHORIZATION);
                byte[] actual = given == null ? new byte[0] : given.getBytes(StandardCharsets.UTF_8);
                if (!MessageDigest.isEqual(expected, actual)) {
                    call.close(
                            Status.UNAUTHENTICATED.withDescription(
                                    "This Connect server needs a token: connect with sc://host:port/;token=..."),
                            new Metadata());
                    return new ServerCall.Listener<>() {};
                }
                return next.startCall(call, headers);
            }
        };
    }

    /** Closes a call whose request has not fully arrived within {@code timeoutMillis}. */
    static ServerInterceptor requestTimeout(ScheduledExecutorService timer, long timeoutMillis) {
        return new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(
                    ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
                GuardedCall<Q, R> guarded = new GuardedCall<>(call);
                guarded.arm(timer, timeoutMillis);
                ServerCall.Listener<Q> listener = next.startCall(guarded, headers);
                return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(listener) {
                    @Override
                    public void onMessage(Q message) {
                        guarded.arm(timer, timeoutMillis);
                        super.onMessage(message);
                    }

                    @Override
                    public void onHalfClose() {
                        guarded.disarm();
                        super.onHalfClose();
                    }

                    @Override
                    public void onCancel() {
                        guarded.disarm();
                        super.onCancel();
                    }

                    @Override
                    public void onComplete() {
                        guarded.disarm();
                        super.onComplete();
                    }
                };
            }
        };
    }

    /** A call whose methods are serialized, so that the timer may close it from its own thread. */
    private static final class GuardedCall<Q, R> extends ForwardingServerCall.SimpleForwardingServerCall<Q, R> {
        private ScheduledFuture<?> timeout;
        private boolean closed;

        GuardedCall(ServerCall<Q, R> call) {
            super(call);
        }

        synchronized void arm(ScheduledExecutorService timer, long timeoutMillis) {
            if (timeout != null) {
                timeout.cancel(false);
            }
            if (!closed) {
                timeout = timer.schedule(this::expire, timeoutMillis, TimeUnit.MILLISECONDS);
            }
        }

        synchronized void disarm() {
            if (timeout != null) {
                timeout.cancel(false);
                timeout = null;
            }
        }

        private synchronized void expire() {
            if (!closed) {
                closed = true;
                super.close(
                        Status.DEADLINE_EXCEEDED.withDescription("The request did not arrive in time"), new Metadata());
            }
        }

        @Override
        public synchronized void sendHeaders(Metadata headers) {
            if (!closed) {
                super.sendHeaders(headers);
            }
        }

        @Override
        public synchronized void sendMessage(R message) {
            if (!closed) {
                super.sendMessage(message);
            }
        }

        @Override
        public synchronized void close(Status status, Metadata trailers) {
            if (!closed) {
                closed = true;
                disarm();
                super.close(status, trailers);
            }
        }
    }
}
