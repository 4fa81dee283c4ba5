package dev.ember.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ember.EmberConf;
import dev.ember.EmberContext;
import dev.ember.Pair;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Each example's result against the same computation done in plain Java. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExamplesTest {
    private EmberContext ctx;

    @TempDir
    Path temp;

    @BeforeAll
    void start() {
        ctx = new EmberContext(new EmberConf(false).setMaster("local[2]").setAppName("examples-test"));
    }

    @AfterAll
    void stop() {
        ctx.stop();
    }

    @Test
    void wordCountFindsTheMostFrequentWords() throws IOException {
        List<String> lines = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(3);
        String[] vocabulary = {"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"};
        for (int i = 0; i < 500; i++) {
            StringBuilder line = new StringBuilder();
            for (int j = 0; j < 12; j++) {
                // Skewed: early words far more frequent.
                int index = (int) Math.min(vocabulary.length - 1, Math.abs(random.nextGaussian()) * 2.5);
                line.append(j % 5 == 0 ? vocabulary[index].toUpperCase(Locale.ROOT) : vocabulary[index])
                        .append(", ");
            }
            lines.add(line.toString());
        }
        Path input = temp.resolve("text.txt");
        Files.write(input, lines);

        Map<String, Long> counts = lines.stream()
                .flatMap(line -> Arrays.stream(line.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}']+")))
                .filter(word -> !word.isEmpty())
                .collect(Collectors.groupingBy(word -> word, Collectors.counting()));
        List<Pair<String, Integer>> expected = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(5)
                .map(entry -> Pair.of(entry.getKey(), entry.getValue().intValue()))
                .toList();

        assertThat(WordCount.countWords(ctx, input.toString(), 5)).containsExactlyElementsOf(expected);
    }

    @Test
    void pageRankMatchesTheIterativeDefinition() throws IOException {
        List<String> edges = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 400; i++) {
            edges.add(random.nextInt(60) + " " + random.nextInt(60));
        }
        edges.add("# a comment line");
        edges.add("7 7");
        edges.add("7 7");
        Path input = temp.resolve("edges.txt");
        Files.write(input, edges);

        Map<String, Set<String>> links = new TreeMap<>();
        for (String edge : edges) {
            if (edge.startsWith("#")) {
                continue;
            }
            String[] parts = edge.split("\\s+");
            links.computeIfAbsent(parts[0], ignored -> new LinkedHashSet<>()).add(parts[1]);
        }
        Map<String, Double> ranks = new HashMap<>();
        links.keySet().forEach(page -> ranks.put(page, 1.0));
        for (int iteration = 0; iteration < 8; iteration++) {
            Map<String, Double> sums = new HashMap<>();
            links.forEach((page, destinations) -> {
                Double rank = ranks.get(page);
                for (String destination : destinations) {
                    sums.merge(destination, rank / destinations.size(), Double::sum);
                }
            });
            ranks.clear();
            sums.forEach((page, sum) -> ranks.put(page, 0.15 + 0.85 * sum));
        }
        List<Map.Entry<String, Double>> expected = ranks.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(10)
                .toList();

        List<Pair<String, Double>> actual = PageRank.rank(ctx, input.toString(), 8, 10);
        assertThat(actual).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i).key()).isEqualTo(expected.get(i).getKey());
            assertThat(actual.get(i).value()).isCloseTo(expected.get(i).getValue(), within(1e-9));
        }
    }

    /** TeraSort's records computed in plain Java, by the definition in its documentation. */
    private static List<String> teraSortRecords(long records, int partitions, long seed) {
        List<String> all = new ArrayList<>();
        for (int slice = 0; slice < partitions; slice++) {
            SplittableRandom random = new SplittableRandom(seed * 1_000_003 + slice);
            for (long index = records * slice / partitions; index < records * (slice + 1) / partitions; index++) {
                byte[] key = new byte[TeraSort.KEY_BYTES];
                random.nextBytes(key);
                all.add(HexFormat.of().formatHex(key) + "#" + index);
            }
        }
        return all;
    }

    private static String describe(Pair<TeraSort.ByteKey, byte[]> record) {
        return HexFormat.of().formatHex(record.key().bytes()) + "#"
                + ByteBuffer.wrap(record.value()).getLong();
    }

    @Test
    void teraSortOutputIsEveryRecordInUnsignedKeyOrder() {
        List<String> expected = teraSortRecords(30_000, 5, 99);
        // Hex of unsigned bytes sorts like the bytes; no two random 10-byte keys collide at this size.
        expected.sort(Comparator.comparing(record -> record.substring(0, record.indexOf('#'))));
        List<String> actual = TeraSort.generate(ctx, 30_000, 5, 99)
                .sortByKey(true, 5)
                .map(ExamplesTest::describe)
                .collect();
        assertThat(actual).isEqualTo(expected);

        TeraSort.Result result = TeraSort.sortAndValidate(ctx, 30_000, 5, 99);
        assertThat(result).isEqualTo(new TeraSort.Result(30_000, 5, true));
    }

    @Test
    void teraSortGeneratesTheDocumentedRecords() {
        List<String> generated =
                TeraSort.generate(ctx, 200, 3, 5).map(ExamplesTest::describe).collect();
        assertThat(generated).isEqualTo(teraSortRecords(200, 3, 5));
    }

    @Test
    void joinExampleTotalsRevenuePerCountry() {
        int customers = 300;
        int orders = 20_000;
        Map<String, Long> expected = new TreeMap<>();
        for (long order = 0; order < orders; order++) {
            SplittableRandom random = new SplittableRandom(order);
            long customer = random.nextLong(customers);
            long amount = 100 + random.nextLong(100_000);
            expected.merge(
                    JoinExample.COUNTRIES.get((int) (customer % JoinExample.COUNTRIES.size())), amount, Long::sum);
        }
        List<Pair<String, Long>> actual = JoinExample.revenueByCountry(ctx, customers, orders);
        assertThat(actual.stream().map(Pair::key).toList()).isSorted();
        assertThat(actual.stream().collect(Collectors.toMap(Pair::key, Pair::value)))
                .isEqualTo(expected);
    }
}
