package dev.ember.storage;

import dev.ember.EmberConf;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.config.CoreConfig;
import dev.ember.util.FileUtils;
import dev.ember.util.UniqueIds;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps block names to files: one {@code blockmgr-<uuid>} directory per configured local directory, each with 64
 * sub-directories, a file's place chosen by hashing its name, so no directory grows huge. Everything lives under
 * directories this object created, and {@link #stop()} deletes them.
 */
public final class DiskBlockManager {
    private static final Logger LOG = LoggerFactory.getLogger(DiskBlockManager.class);
    private static final int SUB_DIRECTORIES = 64;

    private final List<Path> localDirs;
    private final Path[][] subDirs;

    public DiskBlockManager(EmberConf conf) {
        List<String> configured = conf.get(CoreConfig.LOCAL_DIRS);
        List<String> roots = configured.isEmpty() ? List.of(System.getProperty("java.io.tmpdir")) : configured;
        List<Path> created = new ArrayList<>();
        for (String root : roots) {
            try {
                created.add(FileUtils.createUniqueDirectory(Path.of(root), "blockmgr"));
            } catch (UncheckedIOException e) {
                LOG.warn("Cannot use local directory {}: {}", root, e.getCause().getMessage());
            }
        }
        if (created.isEmpty()) {
            throw new EmberException(
                    ErrorClass.INVALID_CONFIG_VALUE,
                    "None of the local directories " + roots + " (ember.local.dir) is writable");
        }
        this.localDirs = List.copyOf(created);
        this.subDirs = new Path[localDirs.size()][SUB_DIRECTORIES];
    }

    /** The root directories, one per configured local directory. */
    public List<Path> localDirs() {
        return localDirs;
    }

    /** The file for {@code filename}, creating its sub-directory if needed. */
    public File getFile(String filename) {
        int hash = filename.hashCode() & Integer.MAX_VALUE;
        int dirIndex = hash % localDirs.size();
        int subIndex = (hash / localDirs.size()) % SUB_DIRECTORIES;
        Path sub;
        synchronized (subDirs[dirIndex]) {
            sub = subDirs[dirIndex][subIndex];
            if (sub == null) {
                sub = localDirs.get(dirIndex).resolve(String.format(java.util.Locale.ROOT, "%02x", subIndex));
                try {
                    Files.createDirectories(sub);
                } catch (IOException e) {
                    throw new UncheckedIOException("Failed to create directory " + sub, e);
                }
                subDirs[dirIndex][subIndex] = sub;
            }
        }
        return sub.resolve(filename).toFile();
    }

    public File getFile(BlockId blockId) {
        return getFile(blockId.name());
    }

    public boolean containsBlock(BlockId blockId) {
        return getFile(blockId).exists();
    }

    /** A fresh scratch block for shuffle-write spills. */
    public BlockId.TempShuffleBlockId createTempShuffleBlock() {
        return new BlockId.TempShuffleBlockId(UniqueIds.randomUuid());
    }

    /** Deletes every directory this manager created. */
    public void stop() {
        for (Path dir : localDirs) {
            try {
                FileUtils.deleteRecursively(dir);
            } catch (UncheckedIOException e) {
                LOG.warn("Failed to delete local directory {}", dir, e);
            }
        }
    }
}
