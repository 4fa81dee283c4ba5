package dev.ember.network.rpc;

/** The reply channel of one {@link RpcEndpointRef#ask}; usable from any thread, and only the first answer counts. */
public interface RpcCallContext {
    void reply(Object response);

    void sendFailure(Throwable error);

    /** The address of the environment that asked. */
    RpcAddress senderAddress();
}
