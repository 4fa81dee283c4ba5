package dev.ember.deploy;

import dev.ember.deploy.DeployMessages.ApplicationDescription;
import dev.ember.deploy.MasterRecords.AppInfo;
import dev.ember.deploy.MasterRecords.WorkerInfo;
import dev.ember.deploy.MasterRecords.WorkerStatus;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Where the {@link Master} puts an application's next executors: on alive workers with the memory for one, by free
 * cores, spread over as many workers as possible or packed onto few ({@code ember.deploy.spreadOut}).
 */
final class ExecutorPlacement {
    /** Starts one executor of {@code cores} cores of {@code app} on {@code worker}. */
    interface Launcher {
        void launch(AppInfo app, WorkerInfo worker, int cores);
    }

    private ExecutorPlacement() {}

    /** Launches the executors {@code app} can get now on {@code workers}, through {@code launcher}. */
    static void place(AppInfo app, Collection<WorkerInfo> workers, boolean spreadOut, Launcher launcher) {
        ApplicationDescription description = app.description;
        int unit = description.coresPerExecutor() == null ? 1 : description.coresPerExecutor();
        if (app.coresLeft() < unit) {
            return;
        }
        List<WorkerInfo> usable = new ArrayList<>();
        for (WorkerInfo worker : workers) {
            if (worker.status == WorkerStatus.ALIVE
                    && worker.memoryFree() >= description.memoryPerExecutorMb()
                    && worker.coresFree() >= unit) {
                usable.add(worker);
            }
        }
        usable.sort(Comparator.comparingInt(WorkerInfo::coresFree).reversed());
        int[] assigned = assignCores(app, usable, unit, spreadOut);
        for (int i = 0; i < usable.size(); i++) {
            if (assigned[i] == 0) {
                continue;
            }
            WorkerInfo worker = usable.get(i);
            if (description.coresPerExecutor() == null) {
                launcher.launch(app, worker, assigned[i]);
            } else {
                for (int n = 0; n < assigned[i] / unit; n++) {
                    launcher.launch(app, worker, unit);
                }
            }
        }
    }

    /**
     * Cores per usable worker for {@code app}, {@code unit} at a time: round-robin over workers when spreading
     * out, filling each worker in turn otherwise. Without a fixed executor size, a worker that already runs an
     * executor of the application gets no second one.
     */
    private static int[] assignCores(AppInfo app, List<WorkerInfo> usable, int unit, boolean spreadOut) {
        int n = usable.size();
        int[] cores = new int[n];
        int[] executors = new int[n];
        boolean oneExecutorPerWorker = app.description.coresPerExecutor() == null;
        int memory = app.description.memoryPerExecutorMb();
        int left = Math.min(
                app.coresLeft(), usable.stream().mapToInt(WorkerInfo::coresFree).sum());
        boolean progress = true;
        while (progress) {
            progress = false;
            for (int i = 0; i < n; i++) {
                WorkerInfo worker = usable.get(i);
                while (left >= unit && worker.coresFree() - cores[i] >= unit) {
                    boolean newExecutor = !oneExecutorPerWorker || executors[i] == 0;
                    if (newExecutor) {
                        if (oneExecutorPerWorker && worker.hasExecutorOf(app.id)) {
                            break;
                        }
                        if (worker.memoryFree() - (executors[i] + 1) * memory < 0) {
                            break;
                        }
                        executors[i]++;
                    }
                    cores[i] += unit;
                    left -= unit;
                    progress = true;
                    if (spreadOut) {
                        break;
                    }
                }
            }
        }
        return cores;
    }
}
