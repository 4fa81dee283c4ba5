package dev.ember.shuffle;

import dev.ember.TaskContext;
import dev.ember.collection.SpillContext;
import dev.ember.io.CountingInputStream;
import dev.ember.shuffle.api.ShuffleBlock;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The blocks a reduce task of a block shuffle reads, one {@link ShuffleBlock} at a time, on top of
 * {@link ShuffleBlockFetcherIterator} (which fetches them, local ones from files and remote ones a bounded number of
 * bytes at a time). Each block's stream is decompressed, and guarded: an {@link IOException} while reading it, or a
 * block that ends before the bytes its map output recorded, becomes a {@link FetchFailedException} naming the block,
 * as for records. Asking for the next block finishes and closes the current one; so does the end of the task.
 */
final class BlockShuffleBlocks implements Iterator<ShuffleBlock> {
    private final ShuffleBlockFetcherIterator fetcher;
    private final SpillContext spill;
    private GuardedBlock current;

    BlockShuffleBlocks(ShuffleBlockFetcherIterator fetcher, SpillContext spill, TaskContext context) {
        this.fetcher = fetcher;
        this.spill = spill;
        context.addTaskCompletionListener(ignored -> closeCurrent());
    }

    @Override
    public boolean hasNext() {
        finishCurrent();
        return fetcher.hasNext();
    }

    @Override
    public ShuffleBlock next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        // Bytes and blocks are counted by the fetcher; what records a block holds only its reader knows, so records
        // read are not counted here (counting blocks as records would not match the map side's records written).
        ShuffleBlockFetcherIterator.FetchedBlock block = fetcher.next();
        current = new GuardedBlock(block, spill);
        return new ShuffleBlock(block.mapIndex(), block.blockId().reduceId(), current);
    }

    /** Reads what the reader left of the current block, checking its length, and closes it. */
    private void finishCurrent() {
        if (current != null) {
            GuardedBlock block = current;
            current = null;
            block.finish();
        }
    }

    private void closeCurrent() {
        if (current != null) {
            current.closeQuietly();
            current = null;
        }
    }

    /** One block's decompressed bytes; failures become fetch failures. */
    private static final class GuardedBlock extends FilterInputStream {
        private final ShuffleBlockFetcherIterator.FetchedBlock block;
        private final CountingInputStream raw;
        private boolean closed;

        GuardedBlock(ShuffleBlockFetcherIterator.FetchedBlock block, SpillContext spill) {
            super(null);
            this.block = block;
            this.raw = new CountingInputStream(block.stream());
            try {
                this.in = spill.serializerManager().wrapForCompression(block.blockId(), raw);
            } catch (RuntimeException e) {
                closeQuietly();
                throw failure("is corrupt or unreadable: " + e.getMessage(), e);
            }
        }

        @Override
        public int read() {
            try {
                int value = in.read();
                if (value < 0) {
                    checkLength();
                }
                return value;
            } catch (IOException e) {
                throw failure("could not be read: " + e.getMessage(), e);
            }
        }

        @Override
        public int read(byte[] bytes, int offset, int length) {
            try {
                int read = in.read(bytes, offset, length);
                if (read < 0) {
                    checkLength();
                }
                return read;
            } catch (IOException e) {
                throw failure("could not be read: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            // The block's end is the engine's to check: a reader closing early just stops reading it.
        }

        void finish() {
            if (closed) {
                return;
            }
            try {
                in.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                closeQuietly();
                throw failure("could not be read to its end: " + e.getMessage(), e);
            }
            checkLength();
            closeQuietly();
        }

        private void checkLength() {
            // The decompressor may stop before its input does: the raw stream must still hold exactly the block.
            try {
                block.checkEnd(raw);
            } catch (FetchFailedException e) {
                closeQuietly();
                throw e;
            }
        }

        void closeQuietly() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                (in != null ? in : raw).close();
            } catch (IOException | RuntimeException e) {
                // Nothing more can be read from it either way.
            }
        }

        private FetchFailedException failure(String problem, Throwable cause) {
            return block.failure(problem, cause);
        }
    }
}
