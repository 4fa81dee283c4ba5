package dev.ember;

import static java.util.Objects.requireNonNull;

import dev.ember.config.CoreConfig;
import dev.ember.rdd.BinaryFilesRDD;
import dev.ember.rdd.BinaryRecordsRDD;
import dev.ember.rdd.ObjectFileRDD;
import dev.ember.rdd.TextFileRDD;
import dev.ember.rdd.WholeTextFilesRDD;

/**
 * The bodies of {@link EmberContext}'s methods that read files, which keep their documentation there: each checks
 * that the context runs and builds the RDD. Paths are resolved by {@code dev.ember.files.FileInput}.
 */
final class FileSources {
    private FileSources() {}

    static RDD<String> textFile(EmberContext context, String path, int minPartitions) {
        context.checkNotStopped();
        return new TextFileRDD(context, path, minPartitions, splitSize(context));
    }

    static PairRDD<String, String> wholeTextFiles(EmberContext context, String path, int minPartitions) {
        context.checkNotStopped();
        requireNonNull(path, "path is null");
        return PairRDD.of(new WholeTextFilesRDD(context, path, minPartitions));
    }

    static <T> RDD<T> objectFile(EmberContext context, String path) {
        context.checkNotStopped();
        requireNonNull(path, "path is null");
        return new ObjectFileRDD<>(context, path);
    }

    static PairRDD<String, PortableDataStream> binaryFiles(EmberContext context, String path, int minPartitions) {
        context.checkNotStopped();
        return PairRDD.of(new BinaryFilesRDD(context, path, minPartitions));
    }

    static RDD<byte[]> binaryRecords(EmberContext context, String path, int recordLength) {
        context.checkNotStopped();
        return new BinaryRecordsRDD(context, path, recordLength, context.defaultMinPartitions(), splitSize(context));
    }

    private static long splitSize(EmberContext context) {
        return context.components().env().conf().get(CoreConfig.FILES_SPLIT_SIZE);
    }
}
