package dev.ember;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void wordCount() {
        try (EmberContext ctx =
                new EmberContext(new EmberConf(false).setMaster("local[2]").setAppName("smoke"))) {
            RDD<String> lines = ctx.parallelize(List.of("a b c", "b c", "c"), 2);
            Map<String, Integer> counts = lines.flatMap(
                            line -> Arrays.asList(line.split(" ")).iterator())
                    .mapToPair(word -> Pair.of(word, 1))
                    .reduceByKey(Integer::sum)
                    .collectAsMap();
            assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of("a", 1, "b", 2, "c", 3));
            assertThat(ctx.range(0, 1000, 1, 4).count()).isEqualTo(1000);
            System.out.println(
                    lines.flatMap(line -> Arrays.asList(line.split(" ")).iterator())
                            .mapToPair(word -> Pair.of(word, 1))
                            .reduceByKey(Integer::sum)
                            .toDebugString());
        }
    }
}
