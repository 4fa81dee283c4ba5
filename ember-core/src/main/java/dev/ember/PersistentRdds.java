package dev.ember;

import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The RDDs a context has persisted, held weakly: an RDD the program no longer references is forgotten here and its
 * blocks are removed by the cleaner. Thread-safe.
 */
final class PersistentRdds {
    private final Map<Integer, WeakReference<RDD<?>>> rdds = new ConcurrentHashMap<>();

    void add(RDD<?> rdd) {
        rdds.put(rdd.id(), new WeakReference<>(rdd));
    }

    void remove(int rddId) {
        rdds.remove(rddId);
    }

    /** The persisted RDDs still referenced and still persisted, by id. */
    Map<Integer, RDD<?>> live() {
        Map<Integer, RDD<?>> result = new HashMap<>();
        rdds.forEach((id, reference) -> {
            RDD<?> rdd = reference.get();
            if (rdd != null && rdd.getStorageLevel() != StorageLevel.NONE) {
                result.put(id, rdd);
            }
        });
        return result;
    }
}
