package dev.ember.scheduler;

import dev.ember.EmberConf;
import dev.ember.Partition;
import dev.ember.executor.ResultTask;
import dev.ember.executor.ShuffleMapTask;
import dev.ember.executor.Task;
import dev.ember.executor.TaskBinary;
import dev.ember.serializer.JavaSerializer;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes the tasks of one attempt of a stage: where each missing partition would best run, the task binary (the
 * stage's RDD and either its shuffle dependency or the job's function, serialized once and shared by every task of
 * the attempt), and one {@link ShuffleMapTask} or {@link ResultTask} per missing partition.
 *
 * <p>Called on the DAG scheduler's event loop.
 */
final class TaskSetFactory {
    private final JavaSerializer closureSerializer;
    private final TaskLocalities localities;

    TaskSetFactory(EmberConf conf, TaskLocalities localities) {
        this.closureSerializer = new JavaSerializer(conf);
        this.localities = localities;
    }

    /** The preferred locations of each partition to compute, in the order given; may throw (user code runs). */
    List<List<TaskLocation>> preferredLocations(Stage stage, List<Integer> partitionsToCompute) {
        List<List<TaskLocation>> locations = new ArrayList<>();
        for (int id : partitionsToCompute) {
            int partition = stage instanceof ResultStage result ? result.partitions()[id] : id;
            locations.add(localities.preferredLocations(stage.rdd(), partition));
        }
        return locations;
    }

    /**
     * The stage's task binary; an {@link dev.ember.EmberException} when something in the closure cannot be
     * serialized, another runtime exception when serialization fails otherwise.
     */
    byte[] taskBinary(Stage stage) {
        TaskBinary binary = stage instanceof ShuffleMapStage shuffleStage
                ? new TaskBinary(stage.rdd(), shuffleStage.dependency())
                : new TaskBinary(stage.rdd(), ((ResultStage) stage).function());
        return closureSerializer.newInstance().serialize(binary);
    }

    /**
     * One task per partition to compute of the stage's latest attempt; a map stage's partitions are marked pending
     * until their outputs are registered.
     */
    List<Task<?>> tasks(Stage stage, int jobId, List<Integer> partitionsToCompute, byte[] taskBinary) {
        List<Partition> rddPartitions = stage.rdd().partitions();
        int attempt = stage.latestInfo().attemptNumber();
        List<Task<?>> tasks = new ArrayList<>(partitionsToCompute.size());
        for (int id : partitionsToCompute) {
            if (stage instanceof ShuffleMapStage shuffleStage) {
                shuffleStage.pendingPartitions().add(id);
                tasks.add(new ShuffleMapTask(
                        stage.id(), attempt, jobId, rddPartitions.get(id), rddPartitions.size(), taskBinary));
            } else {
                ResultStage result = (ResultStage) stage;
                int partition = result.partitions()[id];
                tasks.add(new ResultTask<>(
                        stage.id(),
                        attempt,
                        jobId,
                        rddPartitions.get(partition),
                        rddPartitions.size(),
                        taskBinary,
                        id));
            }
        }
        return tasks;
    }
}
