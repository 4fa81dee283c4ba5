package dev.ember.network.rpc;

import dev.ember.EmberException;
import dev.ember.ErrorClass;

/**
 * A named receiver of messages in an {@link RpcEnv}. Every callback runs on the endpoint's own thread, one at a
 * time and in arrival order, so an endpoint's state needs no locks; a callback must not block for long, since
 * everything else sent to the endpoint waits behind it. Order of calls: {@link #onStart} first, then messages and
 * connection events, then {@link #onStop} last. An exception thrown by a callback goes to {@link #onError} (and,
 * for {@link #receiveAndReply}, back to the asker) without stopping the endpoint.
 */
public interface RpcEndpoint {
    default void onStart() {}

    /** A message sent with {@link RpcEndpointRef#send}; {@code sender} is the sending environment's address. */
    default void receive(Object message, RpcAddress sender) {
        throw new EmberException(
                ErrorClass.INVALID_ARGUMENT,
                getClass().getSimpleName() + " does not accept one-way messages of type "
                        + message.getClass().getName());
    }

    /** A message sent with {@link RpcEndpointRef#ask}, answered through {@code context} exactly once. */
    default void receiveAndReply(Object message, RpcCallContext context) {
        context.sendFailure(new EmberException(
                ErrorClass.INVALID_ARGUMENT,
                getClass().getSimpleName() + " does not answer messages of type "
                        + message.getClass().getName()));
    }

    /** A connection with the environment at {@code remote} closed. */
    default void onDisconnected(RpcAddress remote) {}

    default void onError(Throwable error) {}

    default void onStop() {}
}
