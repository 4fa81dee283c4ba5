package dev.ember.storage;

import dev.ember.io.ChunkedByteBuffer;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Blocks stored as files of the {@link DiskBlockManager}. A block is written whole, then never changed. */
public final class DiskStore {
    /** Writes a block's bytes. */
    @FunctionalInterface
    public interface BlockWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    private final DiskBlockManager diskBlockManager;
    private final Map<BlockId, Long> sizes = new ConcurrentHashMap<>();

    public DiskStore(DiskBlockManager diskBlockManager) {
        this.diskBlockManager = diskBlockManager;
    }

    /** Writes a block through {@code writer}; on failure the partial file is removed. */
    public long put(BlockId blockId, BlockWriter writer) {
        if (contains(blockId)) {
            throw new IllegalStateException("Block " + blockId + " is already on disk");
        }
        File file = diskBlockManager.getFile(blockId);
        boolean written = false;
        try (FileOutputStream out = new FileOutputStream(file)) {
            writer.writeTo(out);
            written = true;
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to write block " + blockId + " to " + file, e);
        } finally {
            if (!written) {
                file.delete();
            }
        }
        long size = file.length();
        sizes.put(blockId, size);
        return size;
    }

    public long putBytes(BlockId blockId, ChunkedByteBuffer bytes) {
        return put(blockId, bytes::writeFully);
    }

    public Optional<BlockData> getBytes(BlockId blockId) {
        File file = diskBlockManager.getFile(blockId);
        if (!file.exists()) {
            return Optional.empty();
        }
        return Optional.of(BlockData.of(new FileSegment(file, 0, file.length())));
    }

    public long getSize(BlockId blockId) {
        Long size = sizes.get(blockId);
        return size != null ? size : diskBlockManager.getFile(blockId).length();
    }

    public boolean contains(BlockId blockId) {
        return sizes.containsKey(blockId) || diskBlockManager.getFile(blockId).exists();
    }

    /** Deletes the block's file; returns whether there was one. */
    public boolean remove(BlockId blockId) {
        sizes.remove(blockId);
        File file = diskBlockManager.getFile(blockId);
        return file.exists() && file.delete();
    }
}
