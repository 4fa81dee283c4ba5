package dev.ember.shuffle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.EmberConf;
import dev.ember.storage.BlockData;
import dev.ember.storage.BlockId;
import dev.ember.storage.DiskBlockManager;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Taking over the files of a map output written by another executor. */
class IndexShuffleBlockResolverTest {
    @TempDir
    Path dir;

    private DiskBlockManager disk;
    private IndexShuffleBlockResolver resolver;

    @BeforeEach
    void setUp() {
        disk = new DiskBlockManager(new EmberConf(false).set("ember.local.dir", dir.toString()));
        resolver = new IndexShuffleBlockResolver(disk);
    }

    @AfterEach
    void tearDown() {
        disk.stop();
    }

    private File incoming(String name, byte[] bytes) throws IOException {
        File file = new File(resolver.dataFile(0, 5).getParentFile(), name);
        Files.write(file.toPath(), bytes);
        return file;
    }

    private static byte[] index(long... offsets) {
        ByteBuffer buffer = ByteBuffer.allocate(offsets.length * 8);
        for (long offset : offsets) {
            buffer.putLong(offset);
        }
        return buffer.array();
    }

    @Test
    void anAdoptedOutputIsServedLikeOneWrittenHere() throws IOException {
        byte[] data = "aaabbbbcc".getBytes(StandardCharsets.US_ASCII);
        resolver.adopt(0, 5, incoming("i.tmp", index(0, 3, 7, 9)), incoming("d.tmp", data));

        BlockData middle =
                resolver.getBlockData(new BlockId.ShuffleBlockId(0, 5, 1)).orElseThrow();
        assertThat(new String(middle.toChunkedByteBuffer().toArray(), StandardCharsets.US_ASCII))
                .isEqualTo("bbbb");
        assertThat(resolver.indexFile(0, 5)).exists();
    }

    @Test
    void anIndexThatDoesNotMatchItsDataIsRefused() throws IOException {
        byte[] data = new byte[9];
        assertThatThrownBy(() -> resolver.adopt(0, 5, incoming("i1", index(0, 3, 12)), incoming("d1", data)))
                .hasMessageContaining("is 9 bytes, but its index says 12");
        assertThatThrownBy(() -> resolver.adopt(0, 5, incoming("i2", index(0, 7, 3, 9)), incoming("d2", data)))
                .hasMessageContaining("is corrupt");
        assertThatThrownBy(() -> resolver.adopt(0, 5, incoming("i3", new byte[12]), incoming("d3", data)))
                .hasMessageContaining("at least two 8-byte offsets");
        assertThatThrownBy(() -> resolver.adopt(0, 5, incoming("i4", index(1, 9)), incoming("d4", data)))
                .hasMessageContaining("is corrupt");
        assertThat(resolver.getBlockData(new BlockId.ShuffleBlockId(0, 5, 0))).isEmpty();
    }
}
