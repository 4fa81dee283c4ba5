package dev.ember.scheduler;

import dev.ember.config.CoreConfig.SchedulingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A group of schedulables sharing slots by a policy. FIFO: lower job id first, then lower stage id. FAIR: pools
 * running fewer tasks than their {@code minShare} first (by how far below it they are), then by running tasks per
 * unit of {@code weight}, so that each pool converges to its weighted share.
 */
final class Pool implements Schedulable {
    private final String name;
    private final SchedulingMode mode;
    private final int minShare;
    private final int weight;
    private final List<Schedulable> children = new CopyOnWriteArrayList<>();
    private final Map<String, Pool> subPools = new ConcurrentHashMap<>();

    Pool(String name, SchedulingMode mode, int minShare, int weight) {
        this.name = name;
        this.mode = mode;
        this.minShare = minShare;
        this.weight = weight;
    }

    void add(Schedulable child) {
        children.add(child);
        if (child instanceof Pool pool) {
            subPools.put(pool.name(), pool);
        }
    }

    void remove(Schedulable child) {
        children.remove(child);
    }

    Pool subPool(String name) {
        return subPools.get(name);
    }

    SchedulingMode mode() {
        return mode;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int runningTasks() {
        int total = 0;
        for (Schedulable child : children) {
            total += child.runningTasks();
        }
        return total;
    }

    @Override
    public int minShare() {
        return minShare;
    }

    @Override
    public int weight() {
        return weight;
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public int stageId() {
        return -1;
    }

    @Override
    public List<TaskSetManager> sortedTaskSetQueue() {
        List<Schedulable> ordered = new ArrayList<>(children);
        ordered.sort(mode == SchedulingMode.FAIR ? FAIR : FIFO);
        List<TaskSetManager> queue = new ArrayList<>();
        for (Schedulable child : ordered) {
            queue.addAll(child.sortedTaskSetQueue());
        }
        return queue;
    }

    @Override
    public boolean checkSpeculatableTasks(long minTimeToSpeculation) {
        boolean found = false;
        for (Schedulable child : children) {
            found |= child.checkSpeculatableTasks(minTimeToSpeculation);
        }
        return found;
    }

    static final Comparator<Schedulable> FIFO =
            Comparator.comparingInt(Schedulable::priority).thenComparingInt(Schedulable::stageId);

    static final Comparator<Schedulable> FAIR = (first, second) -> {
        int running1 = first.runningTasks();
        int running2 = second.runningTasks();
        boolean needy1 = running1 < first.minShare();
        boolean needy2 = running2 < second.minShare();
        int result;
        if (needy1 && !needy2) {
            return -1;
        } else if (!needy1 && needy2) {
            return 1;
        } else if (needy1) {
            double ratio1 = running1 / (double) Math.max(first.minShare(), 1);
            double ratio2 = running2 / (double) Math.max(second.minShare(), 1);
            result = Double.compare(ratio1, ratio2);
        } else {
            double ratio1 = running1 / (double) Math.max(first.weight(), 1);
            double ratio2 = running2 / (double) Math.max(second.weight(), 1);
            result = Double.compare(ratio1, ratio2);
        }
        return result != 0 ? result : first.name().compareTo(second.name());
    };
}
