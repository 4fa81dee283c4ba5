package dev.ember;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Binary input: {@code binaryFiles} (whole files as streams) and {@code binaryRecords} (fixed-length records). Each
 * test writes its files; expected records are cut from the same bytes with {@code Arrays.copyOfRange}, and compared
 * as hexadecimal strings. Splits are at most 1 KiB ({@code ember.files.splitSize}), so that small files are cut.
 */
public abstract class BinaryInputSuite extends RddConformanceSuite {
    private static final HexFormat HEX = HexFormat.of();

    @Override
    protected EmberConf conf() {
        return super.conf().set("ember.files.splitSize", "1k");
    }

    /** {@code length} bytes, the byte at position {@code p} being {@code (p * 31 + seed) & 0xff}. */
    private static byte[] pattern(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int p = 0; p < length; p++) {
            bytes[p] = (byte) (p * 31 + seed);
        }
        return bytes;
    }

    private static Path write(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, content);
    }

    /** The records of {@code length} bytes of each array in turn, as hexadecimal strings. */
    private static List<String> records(int length, byte[]... files) {
        List<String> records = new ArrayList<>();
        for (byte[] file : files) {
            for (int start = 0; start < file.length; start += length) {
                records.add(HEX.formatHex(Arrays.copyOfRange(file, start, start + length)));
            }
        }
        return records;
    }

    private static List<String> hex(List<byte[]> records) {
        return records.stream().map(HEX::formatHex).toList();
    }

    // ---- binaryFiles ----

    @Test
    void binaryFilesPairsEachFileWithAStreamOverItsBytes(@TempDir Path directory) throws IOException {
        byte[] small = {0, 1, 2, (byte) 0xff, (byte) 0x80};
        byte[] large = pattern(5000, 7);
        Path smallFile = write(directory.resolve("small.bin"), small);
        Path largeFile = write(directory.resolve("large.bin"), large);
        Path emptyFile = write(directory.resolve("empty.bin"), new byte[0]);
        Path zipped = directory.resolve("text.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(zipped))) {
            out.write("not decompressed".getBytes(StandardCharsets.UTF_8));
        }
        write(directory.resolve("_SUCCESS"), new byte[] {9});
        write(directory.resolve(".large.bin.crc"), new byte[] {9});

        PairRDD<String, PortableDataStream> files = ctx.binaryFiles(directory.toString(), 2);
        assertThat(files.getNumPartitions()).isEqualTo(2);
        Map<String, String> read =
                files.mapValues(stream -> HEX.formatHex(stream.toArray())).collectAsMap();
        assertThat(read)
                .containsOnly(
                        Map.entry(smallFile.toUri().toString(), "000102ff80"),
                        Map.entry(largeFile.toUri().toString(), HEX.formatHex(large)),
                        Map.entry(emptyFile.toUri().toString(), ""),
                        Map.entry(zipped.toUri().toString(), HEX.formatHex(Files.readAllBytes(zipped))));

        Map<String, String> opened = files.filter(pair -> !pair.key().endsWith("empty.bin"))
                .mapValues(stream -> {
                    try (DataInputStream in = stream.open()) {
                        int first = in.readInt();
                        return first + "+" + in.readAllBytes().length;
                    }
                })
                .collectAsMap();
        assertThat(opened.get(smallFile.toUri().toString())).isEqualTo(0x000102ff + "+1");
        assertThat(opened.get(largeFile.toUri().toString()))
                .isEqualTo(ByteBuffer.wrap(large).getInt() + "+4996");

        for (Pair<String, PortableDataStream> pair : files.collect()) {
            assertThat(pair.value().getPath()).isEqualTo(pair.key());
            assertThat(HEX.formatHex(pair.value().toArray()))
                    .as("read on the driver")
                    .isEqualTo(read.get(pair.key()));
        }
    }

    @Test
    void binaryFilesTakesGlobsAndListsAndNamesMissingPaths(@TempDir Path directory) throws IOException {
        Path one = write(directory.resolve("x/one.dat"), new byte[] {1});
        Path two = write(directory.resolve("x/two.dat"), new byte[] {2, 2});
        Path three = write(directory.resolve("y/three.bin"), new byte[] {3, 3, 3});
        assertThat(ctx.binaryFiles(directory.resolve("x") + "/*.dat").keys().collect())
                .containsExactlyInAnyOrder(one.toUri().toString(), two.toUri().toString());
        assertThat(ctx.binaryFiles(one + "," + directory.resolve("y"), 1)
                        .mapValues(stream -> stream.toArray().length)
                        .collectAsMap())
                .isEqualTo(Map.of(one.toUri().toString(), 1, three.toUri().toString(), 3));
        assertThat(ctx.binaryFiles(two.toString(), 5).getNumPartitions())
                .as("no more partitions than files")
                .isEqualTo(1);

        String missing = directory.resolve("nothing/here.bin").toString();
        EmberException error = emberError(() -> ctx.binaryFiles(missing).count());
        assertThat(error.errorClass()).isEqualTo(ErrorClass.INPUT_PATH_NOT_FOUND);
        assertThat(error.getMessage()).contains(missing);
        assertThat(emberError(() -> ctx.binaryFiles(one.toString(), 0)).errorClass())
                .isEqualTo(ErrorClass.INVALID_ARGUMENT);
    }

    @Test
    void aStreamOverAFileThatIsGoneNamesIt(@TempDir Path directory) throws IOException {
        Path file = write(directory.resolve("gone.bin"), new byte[] {1, 2});
        PortableDataStream stream = ctx.binaryFiles(file.toString()).values().first();
        Files.delete(file);
        EmberException error = emberError(stream::toArray);
        assertThat(error.errorClass()).isEqualTo(ErrorClass.INPUT_READ_FAILED);
        assertThat(error.getMessage()).contains(file.toString());
        assertThat(emberError(stream::open).errorClass()).isEqualTo(ErrorClass.INPUT_READ_FAILED);
    }

    // ---- binaryRecords ----

    @Test
    void binaryRecordsCutsAFileIntoRecordsByHand(@TempDir Path directory) throws IOException {
        Path file = write(directory.resolve("r.bin"), new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
        assertThat(hex(ctx.binaryRecords(file.toString(), 4).collect()))
                .containsExactly("00010203", "04050607", "08090a0b");
        assertThat(hex(ctx.binaryRecords(file.toString(), 12).collect())).containsExactly("000102030405060708090a0b");
        assertThat(hex(ctx.binaryRecords(file.toString(), 1).collect()))
                .hasSize(12)
                .startsWith("00", "01");
    }

    @Test
    void splitsHoldWholeRecords(@TempDir Path directory) throws IOException {
        // 3900 bytes of 13-byte records, splits of at most 1024 bytes: 1014 bytes (78 records) each, the rest last.
        byte[] content = pattern(3900, 3);
        Path file = write(directory.resolve("records.bin"), content);
        RDD<byte[]> records = ctx.binaryRecords(file.toString(), 13);
        assertThat(records.getNumPartitions()).isEqualTo(4);
        assertThat(records.glom().map(List::size).collect()).containsExactly(78, 78, 78, 66);
        assertThat(hex(records.collect())).isEqualTo(records(13, content));
        assertThat(records.count()).isEqualTo(300);

        // A record longer than the largest split: one record a split.
        byte[] wide = pattern(3 * 1500, 11);
        Path wideFile = write(directory.resolve("wide.bin"), wide);
        RDD<byte[]> wideRecords = ctx.binaryRecords(wideFile.toString(), 1500);
        assertThat(wideRecords.getNumPartitions()).isEqualTo(3);
        assertThat(hex(wideRecords.collect())).isEqualTo(records(1500, wide));
    }

    @Test
    void aDirectoryIsReadInFileOrderSkippingHiddenFiles(@TempDir Path directory) throws IOException {
        Path input = directory.resolve("input");
        byte[] first = pattern(8 * 150, 1);
        byte[] second = pattern(8 * 3, 2);
        write(input.resolve("part-00001"), second);
        write(input.resolve("part-00000"), first);
        write(input.resolve("part-00002"), new byte[0]);
        write(input.resolve("_SUCCESS"), new byte[] {1, 2, 3});
        write(input.resolve(".part-00000.crc"), new byte[] {1, 2, 3});
        assertThat(hex(ctx.binaryRecords(input.toString(), 8).collect())).isEqualTo(records(8, first, second));
        assertThat(ctx.binaryRecords(input.resolve("part-0000[12]").toString(), 8)
                        .count())
                .isEqualTo(3);
    }

    @Test
    void aFileThatIsNotWholeRecordsIsRefusedNamingItAndItsLength(@TempDir Path directory) throws IOException {
        Path good = write(directory.resolve("good.bin"), new byte[8]);
        Path bad = write(directory.resolve("bad.bin"), new byte[10]);
        EmberException error =
                emberError(() -> ctx.binaryRecords(good + "," + bad, 4).count());
        assertThat(error.errorClass()).isEqualTo(ErrorClass.INVALID_ARGUMENT);
        assertThat(error.getMessage())
                .contains("file:" + bad, "10 bytes long", "record length 4", "2 bytes left over")
                .doesNotContain(good.toString());

        for (int length : new int[] {0, -4}) {
            EmberException refused = emberError(() -> ctx.binaryRecords(good.toString(), length));
            assertThat(refused.errorClass()).isEqualTo(ErrorClass.INVALID_ARGUMENT);
            assertThat(refused.getMessage()).contains("recordLength", String.valueOf(length));
        }

        Path empty = write(directory.resolve("empty.bin"), new byte[0]);
        assertThat(ctx.binaryRecords(empty.toString(), 7).collect()).isEmpty();
        String missing = directory.resolve("missing.bin").toString();
        EmberException notFound = emberError(() -> ctx.binaryRecords(missing, 4).count());
        assertThat(notFound.errorClass()).isEqualTo(ErrorClass.INPUT_PATH_NOT_FOUND);
        assertThat(notFound.getMessage()).contains(missing);
        assertThat(ctx.parallelize(integers(2), 2).count())
                .as("the context still works")
                .isEqualTo(2);
    }
}
