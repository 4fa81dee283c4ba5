package dev.ember.examples;

import dev.ember.EmberConf;
import dev.ember.EmberContext;
import dev.ember.Pair;
import dev.ember.PairRDD;
import dev.ember.function.SerializableComparator;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Counts the words of text files and prints the most frequent ones.
 *
 * <pre>bin/ember run-example WordCount &lt;path&gt; [top]</pre>
 *
 * Words are runs of letters, digits and apostrophes, lower-cased.
 */
public final class WordCount {
    private WordCount() {}

    public static void main(String[] args) {
        if (args.length < 1 || args.length > 2) {
            System.err.println("Usage: WordCount <path> [top]");
            throw new IllegalArgumentException("expected a path and optionally how many words to print");
        }
        int top = args.length == 2 ? Integer.parseInt(args[1]) : 20;
        EmberConf conf =
                new EmberConf().setIfMissing("ember.master", "local[*]").setIfMissing("ember.app.name", "WordCount");
        try (EmberContext ctx = new EmberContext(conf)) {
            List<Pair<String, Integer>> result = countWords(ctx, args[0], top);
            for (Pair<String, Integer> entry : result) {
                System.out.println(entry.key() + ": " + entry.value());
            }
        }
    }

    /** The {@code top} most frequent words of the files at {@code path}, most frequent first, ties by word. */
    public static List<Pair<String, Integer>> countWords(EmberContext ctx, String path, int top) {
        PairRDD<String, Integer> counts = ctx.textFile(path)
                .flatMap(line -> Arrays.asList(line.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}']+"))
                        .iterator())
                .filter(word -> !word.isEmpty())
                .mapToPair(word -> Pair.of(word, 1))
                .reduceByKey(Integer::sum);
        SerializableComparator<Pair<String, Integer>> byCount = (a, b) -> {
            int compared = Integer.compare(a.value(), b.value());
            return compared != 0 ? compared : b.key().compareTo(a.key());
        };
        return counts.top(top, byCount);
    }
}
