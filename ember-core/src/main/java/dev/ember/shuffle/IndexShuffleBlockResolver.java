package dev.ember.shuffle;

import dev.ember.storage.BlockData;
import dev.ember.storage.BlockId;
import dev.ember.storage.DiskBlockManager;
import dev.ember.storage.FileSegment;
import dev.ember.util.UniqueIds;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The files of map outputs: {@code shuffle_S_M_0.data} holds the reduce partitions back to back;
 * {@code shuffle_S_M_0.index} holds {@code numPartitions + 1} big-endian longs, the offsets where each partition
 * starts (and the last one ends). A map output becomes visible only when both files are renamed into place.
 */
public final class IndexShuffleBlockResolver {
    private final DiskBlockManager diskBlockManager;

    public IndexShuffleBlockResolver(DiskBlockManager diskBlockManager) {
        this.diskBlockManager = diskBlockManager;
    }

    public File dataFile(int shuffleId, long mapId) {
        return diskBlockManager.getFile(new BlockId.ShuffleDataBlockId(shuffleId, mapId));
    }

    public File indexFile(int shuffleId, long mapId) {
        return diskBlockManager.getFile(new BlockId.ShuffleIndexBlockId(shuffleId, mapId));
    }

    /** A temporary file next to the data file, for writing before the commit. */
    public File tempDataFile(int shuffleId, long mapId) {
        File data = dataFile(shuffleId, mapId);
        return new File(data.getParentFile(), data.getName() + "." + UniqueIds.randomUuid() + ".tmp");
    }

    /**
     * Writes the index for {@code lengths} and moves {@code tempData} (null when every partition is empty) and the
     * index into place. Map ids are unique per task attempt, so attempts never overwrite each other's output.
     */
    public void writeIndexAndCommit(int shuffleId, long mapId, long[] lengths, File tempData) throws IOException {
        File index = indexFile(shuffleId, mapId);
        File tempIndex = new File(index.getParentFile(), index.getName() + "." + UniqueIds.randomUuid() + ".tmp");
        try {
            try (DataOutputStream out =
                    new DataOutputStream(new BufferedOutputStream(new FileOutputStream(tempIndex)))) {
                long offset = 0;
                out.writeLong(offset);
                for (long length : lengths) {
                    offset += length;
                    out.writeLong(offset);
                }
            }
            File data = dataFile(shuffleId, mapId);
            if (tempData != null) {
                Files.move(
                        tempData.toPath(),
                        data.toPath(),
                        StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.deleteIfExists(data.toPath());
                Files.createFile(data.toPath());
            }
            Files.move(
                    tempIndex.toPath(),
                    index.toPath(),
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tempIndex.toPath());
        }
    }

    /**
     * Moves the files of a map output written elsewhere into place, after checking that {@code index} is a valid
     * index of {@code data}: offsets from 0, never decreasing, ending at the data's length. Both files must be on
     * the same file system as the map output's place (next to it).
     */
    public void adopt(int shuffleId, long mapId, File index, File data) throws IOException {
        long length = index.length();
        if (length < 16 || length % 8 != 0) {
            throw new IOException("The index of map output " + mapId + " of shuffle " + shuffleId + " is " + length
                    + " bytes; an index holds at least two 8-byte offsets");
        }
        long previous = -1;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(new FileInputStream(index)))) {
            for (long i = 0; i < length / 8; i++) {
                long offset = in.readLong();
                if ((i == 0 && offset != 0) || offset < previous) {
                    throw new IOException("The index of map output " + mapId + " of shuffle " + shuffleId
                            + " is corrupt: offset " + i + " is " + offset + " after " + previous);
                }
                previous = offset;
            }
        }
        if (previous != data.length()) {
            throw new IOException("The data of map output " + mapId + " of shuffle " + shuffleId + " is "
                    + data.length() + " bytes, but its index says " + previous);
        }
        Files.move(
                data.toPath(),
                dataFile(shuffleId, mapId).toPath(),
                StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        Files.move(
                index.toPath(),
                indexFile(shuffleId, mapId).toPath(),
                StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    /** The bytes of one reduce partition of a map output, or empty if the map output's files are gone. */
    public Optional<BlockData> getBlockData(BlockId.ShuffleBlockId blockId) {
        File index = indexFile(blockId.shuffleId(), blockId.mapId());
        File data = dataFile(blockId.shuffleId(), blockId.mapId());
        try (FileChannel channel = FileChannel.open(index.toPath(), StandardOpenOption.READ)) {
            ByteBuffer offsets = ByteBuffer.allocate(16);
            long position = blockId.reduceId() * 8L;
            while (offsets.hasRemaining()) {
                if (channel.read(offsets, position + offsets.position()) < 0) {
                    throw new IOException(
                            "Index file " + index + " is too short for reduce partition " + blockId.reduceId());
                }
            }
            offsets.flip();
            long start = offsets.getLong();
            long end = offsets.getLong();
            if (start < 0 || end < start) {
                throw new IOException("Index file " + index + " is corrupt: reduce partition " + blockId.reduceId()
                        + " spans offsets " + start + " to " + end);
            }
            if (!data.exists()) {
                return Optional.empty();
            }
            if (data.length() < end) {
                throw new IOException("Data file " + data + " is " + data.length() + " bytes, but its index says"
                        + " reduce partition " + blockId.reduceId() + " ends at byte " + end);
            }
            return Optional.of(BlockData.of(new FileSegment(data, start, end - start)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read shuffle index " + index + ": " + e.getMessage(), e);
        }
    }

    /** Deletes a map output's files. */
    public void removeDataByMap(int shuffleId, long mapId) {
        try {
            Files.deleteIfExists(dataFile(shuffleId, mapId).toPath());
            Files.deleteIfExists(indexFile(shuffleId, mapId).toPath());
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to delete output of map " + mapId + " of shuffle " + shuffleId, e);
        }
    }
}
