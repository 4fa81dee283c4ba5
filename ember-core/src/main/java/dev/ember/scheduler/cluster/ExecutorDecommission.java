package dev.ember.scheduler.cluster;

import dev.ember.StorageLevel;
import dev.ember.executor.Executor;
import dev.ember.network.rpc.RpcEndpointRef;
import dev.ember.shuffle.MapOutputTrackerMaster.MapOutputRef;
import dev.ember.storage.BlockId;
import dev.ember.storage.BlockManager;
import dev.ember.storage.BlockManagerId;
import dev.ember.storage.BlockRegistry;
import dev.ember.storage.BlockTransferService;
import dev.ember.util.Exceptions;
import dev.ember.util.ThreadUtils;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an executor does when it is decommissioned, before it exits: it lets its running tasks finish; hands each map
 * output the driver knows it holds to another executor, which fetches the index and data files and serves them from
 * then on while the driver points reducers there; has other executors copy its cached partitions; and waits for the
 * driver to collect the large task results it keeps. Everything is bounded by one deadline: what it could not hand
 * over by then is recomputed from lineage when needed, as for any lost executor.
 */
final class ExecutorDecommission {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorDecommission.class);

    /** Rounds of asking the driver for outputs held here: outputs of tasks that ended just before count too. */
    private static final int OUTPUT_ROUNDS = 3;

    /** Executors tried for one output or partition before it is left behind. */
    private static final int TRIES = 2;

    /** The longest single wait before looking again whether tasks ended or results were collected. */
    private static final long POLL_MS = 200;

    /** What was handed over, for the log and for tests. */
    record Outcome(
            boolean tasksFinished, int outputsMoved, int outputsLeft, int blocksCopied, int blocksLeft, long millis) {}

    private final String executorId;
    private final Executor executor;
    private final BlockManager blockManager;
    private final BlockRegistry registry;
    private final BlockTransferService transfer;
    private final RpcEndpointRef driverOutputs;
    private final Duration askTimeout;
    private final boolean moveOutputs;
    private final boolean copyBlocks;
    private final Object progress = new Object();

    ExecutorDecommission(
            String executorId,
            Executor executor,
            BlockManager blockManager,
            BlockRegistry registry,
            BlockTransferService transfer,
            RpcEndpointRef driverOutputs,
            Duration askTimeout,
            boolean moveOutputs,
            boolean copyBlocks) {
        this.executorId = executorId;
        this.executor = executor;
        this.blockManager = blockManager;
        this.registry = registry;
        this.transfer = transfer;
        this.driverOutputs = driverOutputs;
        this.askTimeout = askTimeout;
        this.moveOutputs = moveOutputs;
        this.copyBlocks = copyBlocks;
    }

    /** A task ended or a result was collected: wakes the waits. */
    void progressed() {
        synchronized (progress) {
            progress.notifyAll();
        }
    }

    /** Runs the whole sequence within {@code timeout}. */
    Outcome run(Duration timeout) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        boolean idle = awaitUntil(() -> executor.runningTasks() == 0, deadline);
        if (!idle) {
            LOG.warn(
                    "Executor {} still runs {} task(s) after {}; handing over what it has",
                    executorId,
                    executor.runningTasks(),
                    timeout);
        }
        int[] outputs = moveOutputs
                ? moveMapOutputs(deadline)
                : new int[] {0, outputsHere().size()};
        int[] blocks = copyBlocks
                ? copyCachedBlocks(deadline)
                : new int[] {0, cachedBlocks().size()};
        boolean collected = awaitUntil(
                () -> blockManager
                        .getMatchingBlockIds(id -> id instanceof BlockId.TaskResultBlockId)
                        .isEmpty(),
                deadline);
        if (!collected) {
            LOG.warn("Executor {} leaves with task results the driver did not collect", executorId);
        }
        Outcome outcome = new Outcome(
                idle, outputs[0], outputs[1], blocks[0], blocks[1], (System.nanoTime() - start) / 1_000_000);
        LOG.info(
                "Executor {} decommissioned in {} ms: moved {} map output(s) ({} left), copied {} cached partition(s)"
                        + " ({} left)",
                executorId,
                outcome.millis(),
                outcome.outputsMoved(),
                outcome.outputsLeft(),
                outcome.blocksCopied(),
                outcome.blocksLeft());
        return outcome;
    }

    /** What became of one map output. */
    private enum HandOver {
        MOVED,
        /** The driver no longer tracks it here (its shuffle was removed): nothing to move. */
        GONE,
        FAILED
    }

    /** Moved and left-behind map outputs. */
    private int[] moveMapOutputs(long deadline) {
        int moved = 0;
        int left = 0;
        Set<MapOutputRef> givenUp = new HashSet<>();
        boolean quietRound = false;
        for (int round = 0; round < OUTPUT_ROUNDS && System.nanoTime() < deadline; round++) {
            if (round > 0) {
                // Outputs of tasks that ended just before are registered by the driver a moment after their status
                // arrives: look once more after a pause before concluding there are none left.
                awaitUntil(() -> false, Math.min(deadline, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(POLL_MS)));
            }
            List<MapOutputRef> outputs = new ArrayList<>(outputsHere());
            outputs.removeAll(givenUp);
            left = givenUp.size() + outputs.size();
            if (outputs.isEmpty()) {
                if (quietRound) {
                    break;
                }
                quietRound = true;
                continue;
            }
            quietRound = false;
            List<BlockManagerId> peers = peers();
            if (peers.isEmpty()) {
                LOG.warn("No other executor can take the {} map output(s) of executor {}", outputs.size(), executorId);
                break;
            }
            int next = 0;
            for (MapOutputRef output : outputs) {
                if (System.nanoTime() >= deadline) {
                    break;
                }
                HandOver result = HandOver.FAILED;
                for (int attempt = 0; attempt < Math.min(TRIES, peers.size()) && result == HandOver.FAILED; attempt++) {
                    result = handOver(output, peers.get(next++ % peers.size()), deadline);
                }
                if (result == HandOver.FAILED) {
                    givenUp.add(output);
                } else {
                    left--;
                    moved += result == HandOver.MOVED ? 1 : 0;
                }
            }
        }
        return new int[] {moved, left};
    }

    /** Has {@code peer} take {@code output} and the driver record it there. */
    private HandOver handOver(MapOutputRef output, BlockManagerId peer, long deadline) {
        BlockManagerId self = blockManager.blockManagerId();
        long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
        try {
            transfer.handOverMapOutput(peer, self, output.shuffleId(), output.mapId(), Duration.ofMillis(left))
                    .get(left, TimeUnit.MILLISECONDS);
            Boolean recorded = driverOutputs.askSync(
                    new ClusterMessages.MapOutputMoved(output.shuffleId(), output.mapId(), self, peer), askTimeout);
            if (Boolean.TRUE.equals(recorded)) {
                return HandOver.MOVED;
            }
            // Refused: either the output is gone (its shuffle was removed), or the peer may not take blocks any more
            // (it is leaving too, or was lost); the peer's copy goes with the shuffle or the peer.
            if (!outputsHere().contains(output)) {
                return HandOver.GONE;
            }
            LOG.info("The driver would not record map output {} at {}; trying another executor", output, peer);
            return HandOver.FAILED;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.warn("Could not hand map output {} over to {}: {}", output, peer, Exceptions.rootMessage(e));
            return HandOver.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HandOver.FAILED;
        }
    }

    /** Copied and left-behind cached partitions. */
    private int[] copyCachedBlocks(long deadline) {
        List<BlockId> blocks = cachedBlocks();
        if (blocks.isEmpty()) {
            return new int[] {0, 0};
        }
        List<BlockManagerId> peers = peers();
        if (peers.isEmpty()) {
            LOG.warn("No other executor can take the {} cached partition(s) of executor {}", blocks.size(), executorId);
            return new int[] {0, blocks.size()};
        }
        int copied = 0;
        int next = 0;
        for (BlockId blockId : blocks) {
            if (System.nanoTime() >= deadline) {
                break;
            }
            StorageLevel level = blockManager.getStatus(blockId).level();
            if (!level.isValid()) {
                continue; // removed meanwhile
            }
            boolean done = false;
            for (int attempt = 0; attempt < Math.min(TRIES, peers.size()) && !done; attempt++) {
                done = blockManager.copyTo(peers.get(next++ % peers.size()), blockId, level);
            }
            if (done) {
                copied++;
            }
        }
        return new int[] {copied, blocks.size() - copied};
    }

    private List<MapOutputRef> outputsHere() {
        try {
            return driverOutputs.askSync(
                    new ClusterMessages.GetMapOutputsAt(blockManager.blockManagerId()), askTimeout);
        } catch (RuntimeException e) {
            LOG.warn("Could not ask the driver which map outputs executor {} holds: {}", executorId, e.getMessage());
            return List.of();
        }
    }

    private List<BlockId> cachedBlocks() {
        return blockManager.getMatchingBlockIds(BlockId::isRdd);
    }

    /** Executors that may take blocks, in random order so that several leaving executors spread their load. */
    private List<BlockManagerId> peers() {
        List<BlockManagerId> peers;
        try {
            peers = new ArrayList<>(registry.getPeers(blockManager.blockManagerId()));
        } catch (RuntimeException e) {
            LOG.warn("Could not ask the driver for other executors: {}", e.getMessage());
            return List.of();
        }
        Collections.shuffle(peers);
        return peers;
    }

    /** Waits until {@code done} holds or the deadline passes; returns whether it holds. */
    private boolean awaitUntil(java.util.function.BooleanSupplier done, long deadline) {
        synchronized (progress) {
            // Woken when a task ends; the bound covers ends that happen between the check and the wait.
            return ThreadUtils.waitUntil(progress, done, deadline, POLL_MS);
        }
    }
}
