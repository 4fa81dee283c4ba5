package dev.ember.scheduler.cluster;

import dev.ember.executor.OutputCommitAuthority;
import dev.ember.network.rpc.RpcEndpointRef;
import java.time.Duration;

/** An executor asks the driver's output commit coordinator whether a task attempt may commit. */
public final class RemoteCommitAuthority implements OutputCommitAuthority {
    private final RpcEndpointRef coordinator;
    private final Duration timeout;

    public RemoteCommitAuthority(RpcEndpointRef coordinator, Duration timeout) {
        this.coordinator = coordinator;
        this.timeout = timeout;
    }

    @Override
    public boolean canCommit(int stageId, int stageAttempt, int partitionId, int attemptNumber) {
        return coordinator.<Boolean>askSync(
                new ClusterMessages.AskPermissionToCommit(stageId, stageAttempt, partitionId, attemptNumber), timeout);
    }
}
