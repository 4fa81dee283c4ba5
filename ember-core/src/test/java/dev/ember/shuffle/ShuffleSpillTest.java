package dev.ember.shuffle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.EmberConf;
import dev.ember.EmberContext;
import dev.ember.EventCollector;
import dev.ember.Pair;
import dev.ember.PairRDD;
import dev.ember.events.EmberListenerEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Shuffles of data many times larger than the execution memory the context has (4 MiB of "heap", so about
 * 2.4 MiB of unified memory) complete with the right answer by spilling on both the map and the reduce side.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShuffleSpillTest {
    private static final int RECORDS = 300_000;

    private EmberContext ctx;
    private final EventCollector events = new EventCollector();

    @BeforeAll
    void start() {
        ctx = new EmberContext(new EmberConf(false)
                .setMaster("local[2]")
                .setAppName("shuffle-spill")
                .set("ember.testing.memory", "4m")
                .set("ember.shuffle.spill.initialMemoryThreshold", "64k"));
        ctx.addListener(events);
    }

    @AfterAll
    void stop() {
        ctx.stop();
    }

    @BeforeEach
    void clear() {
        events.clear(ctx);
    }

    /** Records of about 60 bytes each as objects: ~30 MB in all. */
    private PairRDD<String, String> records(int partitions) {
        return ctx.range(0, RECORDS, 1, partitions)
                .mapToPair(i ->
                        Pair.of("key-" + (i * 7919 % 50_000), "value-" + i + "-padding-to-make-the-record-bigger"));
    }

    private long spilledBytes() {
        return spilledBytes("ShuffleMapTask") + spilledBytes("ResultTask");
    }

    /** Bytes spilled by tasks of one type: ShuffleMapTask (the map side) or ResultTask (the reduce side). */
    private long spilledBytes(String taskType) {
        return events.events(ctx, EmberListenerEvent.TaskEnd.class).stream()
                .filter(end -> end.metrics() != null && end.taskType().equals(taskType))
                .mapToLong(end -> end.metrics().diskBytesSpilled())
                .sum();
    }

    private Map<String, Integer> groupSizes(int reducePartitions) {
        return records(4)
                .groupByKey(reducePartitions)
                .mapValues(values -> {
                    int count = 0;
                    for (String ignored : values) {
                        count++;
                    }
                    return count;
                })
                .collectAsMap();
    }

    @Test
    void groupByKeyBeyondMemoryGroupsEveryValue() {
        Map<String, Integer> expected = new HashMap<>();
        for (long i = 0; i < RECORDS; i++) {
            expected.merge("key-" + (i * 7919 % 50_000), 1, Integer::sum);
        }
        // 300 reduce partitions: above the bypass threshold, so map tasks sort and spill; each reduce partition is
        // small.
        assertThat(groupSizes(300)).isEqualTo(expected);
        assertThat(spilledBytes("ShuffleMapTask")).as("the map side spilled").isPositive();

        // 3 reduce partitions of ~10 MB each: the map side writes straight to files, the reduce side spills.
        events.clear(ctx);
        assertThat(groupSizes(3)).isEqualTo(expected);
        assertThat(spilledBytes("ResultTask")).as("the reduce side spilled").isPositive();
    }

    @Test
    void reduceByKeyWithMapSideCombineBeyondMemory() {
        Map<String, Long> lengths = records(3)
                .mapValues(value -> (long) value.length())
                .reduceByKey(Long::sum, 7)
                .collectAsMap();
        Map<String, Long> expected = new HashMap<>();
        for (long i = 0; i < RECORDS; i++) {
            String value = "value-" + i + "-padding-to-make-the-record-bigger";
            expected.merge("key-" + (i * 7919 % 50_000), (long) value.length(), Long::sum);
        }
        assertThat(lengths).isEqualTo(expected);
        assertThat(spilledBytes()).isPositive();
    }

    @Test
    void sortByKeyBeyondMemoryIsGloballySorted() {
        List<List<Pair<String, String>>> partitions =
                records(4).sortByKey(true, 5).glom().collect();
        List<String> keys = new ArrayList<>();
        partitions.forEach(partition -> partition.forEach(pair -> keys.add(pair.key())));
        assertThat(keys).hasSize(RECORDS).isSorted();
        assertThat(partitions).hasSize(5).allSatisfy(partition -> assertThat(partition)
                .isNotEmpty());
        assertThat(spilledBytes()).isPositive();
    }

    @Test
    void bypassWriterAndSortWriterBothGiveTheRightResult() {
        Map<String, Integer> expected = new TreeMap<>();
        for (long i = 0; i < RECORDS; i++) {
            String value = "value-" + i + "-padding-to-make-the-record-bigger";
            expected.merge("key-" + (i * 7919 % 50_000), value.length(), Integer::sum);
        }
        // 10 partitions without map-side combine: the bypass writer; 250: above its threshold, the sort writer.
        Map<String, Integer> few = new TreeMap<>(records(4)
                .partitionBy(new dev.ember.HashPartitioner(10))
                .mapValues(String::length)
                .reduceByKey(Integer::sum)
                .collectAsMap());
        Map<String, Integer> many = new TreeMap<>(records(4)
                .partitionBy(new dev.ember.HashPartitioner(250))
                .mapValues(String::length)
                .reduceByKey(Integer::sum)
                .collectAsMap());
        assertThat(few).isEqualTo(expected);
        assertThat(many).isEqualTo(expected);
    }
}
