package dev.ember.rdd;

import dev.ember.PairRDD;
import dev.ember.Partitioner;
import dev.ember.RDD;
import java.util.List;

/**
 * Approximate distinct counts ({@code countApproxDistinct}, {@code countApproxDistinctByKey}), with
 * {@link HyperLogLogPlusPlus} sketches.
 */
public final class DistinctCounts {
    private DistinctCounts() {}

    /** Distinct elements estimated with one sketch per partition, merged on the driver. */
    public static <T> long countApproxDistinct(RDD<T> rdd, double relativeSD) {
        int precision = HyperLogLogPlusPlus.precisionFor(relativeSD, "countApproxDistinct");
        List<HyperLogLogPlusPlus> sketches = rdd.context().runJob(rdd, (task, values) -> {
            HyperLogLogPlusPlus sketch = new HyperLogLogPlusPlus(precision);
            while (values.hasNext()) {
                sketch.add(values.next());
            }
            return sketch;
        });
        HyperLogLogPlusPlus merged = new HyperLogLogPlusPlus(precision);
        for (HyperLogLogPlusPlus sketch : sketches) {
            merged.merge(sketch);
        }
        return merged.cardinality();
    }

    /**
     * Distinct values of each key: one sketch per key, built in each partition before the shuffle (map-side
     * combine) and merged after it.
     */
    public static <K, V> PairRDD<K, Long> countApproxDistinctByKey(
            PairRDD<K, V> rdd, double relativeSD, Partitioner partitioner) {
        int precision = HyperLogLogPlusPlus.precisionFor(relativeSD, "countApproxDistinctByKey");
        return rdd.combineByKey(
                        value -> {
                            HyperLogLogPlusPlus sketch = new HyperLogLogPlusPlus(precision);
                            sketch.add(value);
                            return sketch;
                        },
                        (sketch, value) -> {
                            sketch.add(value);
                            return sketch;
                        },
                        HyperLogLogPlusPlus::merge,
                        partitioner)
                .mapValues(HyperLogLogPlusPlus::cardinality);
    }
}
