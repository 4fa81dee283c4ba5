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
        events.clear();
    }

    /** Records of about 60 bytes each as objects: ~30 MB in all. */
    private PairRDD<String, String> records(int partitions) {
        return ctx.range(0, RECORDS, 1, partitions)
                .mapToPair(i ->
                        Pair.of("key-" + (i * 7919 % 50_000), "value-" + i + "-padding-to-make-the-record-bigger"));
    }

    private long spilledBytes() {
        return events.events(ctx, EmberListenerEvent.TaskEnd.class).stream()
                .filter(end -> end.metrics() != null)
                .mapToLong(end -> end.metrics().diskBytesSpilled())
                .sum();
    }

    @Test
    void groupByKeyBeyondMemoryGroupsEveryValue() {
        Map<String, Integer> sizes = records(4)
                .groupByKey(300)
                .mapValues(values -> {
                    int count = 0;
                    for (String ignored : values) {
                        count++;
                    }
                    return count;
                })
                .collectAsMap();
        Map<String, Integer> expected = new HashMap<>();
        for (long i = 0; i < RECORDS; i++) {
            expected.merge("key-" + (i * 7919 % 50_000), 1, Integer::sum);
        }
        assertThat(sizes).isEqualTo(expected);
        assertThat(spilledBytes()).as("both sides spilled").isPositive();
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
    void bypassWriterAndSortWriterGiveTheSameResult() {
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
        assertThat(many).isEqualTo(few).hasSize(50_000);
    }
}
