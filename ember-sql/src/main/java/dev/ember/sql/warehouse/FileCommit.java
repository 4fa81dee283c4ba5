package dev.ember.sql.warehouse;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.util.FileUtils;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Commits the files of a write into their destination directory so that a reader sees all of the old data or all of
 * the new, whatever fails and whenever the driver dies:
 *
 * <ol>
 *   <li>Tasks write under {@code dest/_temporary-<job>/}, each committed attempt in its own {@code task-NNNNN/}
 *       directory (the scheduler's commit coordinator lets one attempt per partition commit).
 *   <li>The driver writes a journal, {@code dest/_commit-<job>.json}, that lists the old files the write replaces and
 *       the new files with where they go. The journal appears by an atomic rename: that rename is the commit. Before
 *       it, the destination is as it was; a job that fails or a driver that dies leaves only the hidden staging
 *       directory, which readers skip.
 *   <li>The driver applies the journal (deletes the old files, moves the new ones, writes {@code _SUCCESS}) and
 *       deletes it. Applying is idempotent: new files have names of their own job, so deleting an old file never
 *       touches a new one, and a move whose source is gone was done already.
 *   <li>Anyone who finds a journal ({@link #recover}, called before a table or directory is read or written) applies
 *       it, finishing the commit of a driver that died in step 3.
 * </ol>
 *
 * Commits to one destination hold its lock file ({@code dest/_commit.lock}), so two overwrites do not interleave.
 */
public final class FileCommit {
    static final String JOURNAL_PREFIX = "_commit-";
    static final String STAGING_PREFIX = "_temporary-";
    static final String LOCK_FILE = "_commit.lock";
    private static final JsonFactory JSON = new JsonFactory();
    private static final java.util.regex.Pattern JOB = java.util.regex.Pattern.compile("[0-9a-f-]{36}");

    /** Which of the destination's existing files a write replaces. */
    public record Overwrite(Kind kind, List<String> partitions) {
        /** Nothing (append), every file, the files of the given partition directories, or of those the job wrote. */
        public enum Kind {
            NONE,
            ALL,
            PARTITIONS,
            WRITTEN_PARTITIONS
        }

        public Overwrite {
            requireNonNull(kind, "kind is null");
            partitions = List.copyOf(partitions);
        }

        public static Overwrite none() {
            return new Overwrite(Kind.NONE, List.of());
        }

        public static Overwrite all() {
            return new Overwrite(Kind.ALL, List.of());
        }

        /** The files under these partition directories ({@code p=1}, {@code p=1/q=a}), relative to the destination. */
        public static Overwrite partitions(List<String> directories) {
            return new Overwrite(Kind.PARTITIONS, directories);
        }

        /** The files of every partition directory the write puts a file into (dynamic partition overwrite). */
        public static Overwrite writtenPartitions() {
            return new Overwrite(Kind.WRITTEN_PARTITIONS, List.of());
        }
    }

    /** A decided commit: the old files to delete and the new files to move, relative to the destination. */
    record Journal(String job, List<String> delete, List<String[]> moves) {}

    private FileCommit() {}

    /** The journal of {@code job}'s commit: while it exists, the commit is decided but not finished. */
    public static Path journal(Path destination, String job) {
        return destination.resolve(JOURNAL_PREFIX + job + ".json");
    }

    /**
     * Runs {@code listing} (a reader's listing of the destination's files) after finishing any decided commit and
     * while no commit can start, so that it sees the old files or the new, never a mix. A destination the reader
     * cannot write to (so no writer of Ember's either) is listed without the lock.
     */
    public static <T> T readConsistent(Path destination, java.util.function.Supplier<T> listing) {
        if (!Files.isDirectory(destination) || !Files.isWritable(destination)) {
            return listing.get();
        }
        return DirectoryLock.run(destination.resolve(LOCK_FILE), () -> {
            recoverLocked(destination);
            return listing.get();
        });
    }

    /** Where the tasks of {@code job} write before the commit. */
    public static Path staging(Path destination, String job) {
        return destination.resolve(STAGING_PREFIX + job);
    }

    /**
     * Commits the job's files: {@code staged} are relative to the staging directory, each under the {@code task-N}
     * directory of the attempt that committed it.
     */
    public static void commit(Path destination, String job, List<String> staged, Overwrite overwrite) {
        DirectoryLock.run(destination.resolve(LOCK_FILE), () -> {
            recoverLocked(destination);
            Journal journal = prepare(destination, job, staged, overwrite);
            writeJournal(destination, journal);
            apply(destination, journal);
            return null;
        });
    }

    /** Finishes any commit whose journal is in {@code destination}; does nothing if there is none (or no directory). */
    public static void recover(Path destination) {
        if (journals(destination).isEmpty()) {
            return;
        }
        DirectoryLock.run(destination.resolve(LOCK_FILE), () -> {
            recoverLocked(destination);
            return null;
        });
    }

    private static void recoverLocked(Path destination) {
        for (Path file : journals(destination)) {
            Journal journal;
            try {
                journal = readJournal(file);
            } catch (NoSuchFileException e) {
                continue;
            } catch (IOException e) {
                throw new EmberException(
                        ErrorClass.CATALOG_CORRUPT,
                        "The commit journal " + file + " cannot be read (" + e.getMessage()
                                + "); the write it belongs to is half applied. Remove the journal to keep the files"
                                + " as they are",
                        e);
            }
            apply(destination, journal);
        }
    }

    static List<Path> journals(Path destination) {
        List<Path> found = new ArrayList<>();
        try (var children = Files.list(destination)) {
            for (Path child : children.toList()) {
                String name = child.getFileName().toString();
                if (name.startsWith(JOURNAL_PREFIX) && name.endsWith(".json")) {
                    found.add(child);
                }
            }
        } catch (NoSuchFileException | java.nio.file.NotDirectoryException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + destination, e);
        }
        found.sort(null);
        return found;
    }

    static Journal prepare(Path destination, String job, List<String> staged, Overwrite overwrite) {
        Path staging = staging(destination, job);
        List<String[]> moves = new ArrayList<>();
        Set<String> written = new TreeSet<>();
        for (String file : staged) {
            Path relative = Path.of(file);
            if (relative.getNameCount() < 2 || relative.isAbsolute() || hasParentStep(relative)) {
                throw new EmberException(
                        ErrorClass.INTERNAL_ERROR, "A task reported the file " + file + ", not one under task-N/");
            }
            if (!Files.isRegularFile(staging.resolve(relative))) {
                throw new EmberException(
                        ErrorClass.OUTPUT_WRITE_FAILED,
                        "The staged file " + staging.resolve(relative) + " of this write is gone (was the table"
                                + " dropped, renamed or truncated while it ran?); nothing was committed");
            }
            Path target = relative.subpath(1, relative.getNameCount());
            moves.add(new String[] {staging.getFileName().resolve(relative).toString(), target.toString()});
            if (target.getParent() != null) {
                written.add(target.getParent().toString());
            }
        }
        List<String> delete = new ArrayList<>();
        switch (overwrite.kind()) {
            case NONE -> {}
            case ALL -> delete.addAll(dataFiles(destination, destination));
            case PARTITIONS -> {
                for (String partition : overwrite.partitions()) {
                    delete.addAll(dataFiles(destination, destination.resolve(partition)));
                }
            }
            case WRITTEN_PARTITIONS -> {
                for (String partition : written) {
                    delete.addAll(dataFiles(destination, destination.resolve(partition)));
                }
            }
        }
        return new Journal(job, delete, moves);
    }

    /** The files under {@code root} readers would read (none hidden, nor under a hidden directory), relative. */
    private static List<String> dataFiles(Path destination, Path root) {
        List<String> files = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return files;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(root) && hidden(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (!hidden(file) || file.getFileName().toString().equals("_SUCCESS")) {
                        files.add(destination.relativize(file).toString());
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new EmberException(ErrorClass.INPUT_READ_FAILED, "Cannot list " + root + ": " + e, e);
        }
        return files;
    }

    private static boolean hidden(Path path) {
        return dev.ember.sql.sources.PartitionPaths.isHidden(path.getFileName().toString());
    }

    static void writeJournal(Path destination, Journal journal) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator out = JSON.createGenerator(bytes)) {
            out.writeStartObject();
            out.writeNumberField("version", 1);
            out.writeStringField("job", journal.job());
            out.writeArrayFieldStart("delete");
            for (String file : journal.delete()) {
                out.writeString(file);
            }
            out.writeEndArray();
            out.writeArrayFieldStart("move");
            for (String[] move : journal.moves()) {
                out.writeStartArray();
                out.writeString(move[0]);
                out.writeString(move[1]);
                out.writeEndArray();
            }
            out.writeEndArray();
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        WarehouseCatalog.writeEntry(journal(destination, journal.job()), bytes.toByteArray());
    }

    static Journal readJournal(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String job = null;
        List<String> delete = new ArrayList<>();
        List<String[]> moves = new ArrayList<>();
        try (JsonParser in = JSON.createParser(bytes)) {
            if (in.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            while (in.nextToken() == JsonToken.FIELD_NAME) {
                String field = in.currentName();
                JsonToken value = in.nextToken();
                switch (field) {
                    case "job" -> job = in.getText();
                    case "delete" -> {
                        while (in.nextToken() == JsonToken.VALUE_STRING) {
                            delete.add(checked(in.getText()));
                        }
                    }
                    case "move" -> {
                        while (in.nextToken() == JsonToken.START_ARRAY) {
                            in.nextToken();
                            String from = checked(in.getText());
                            in.nextToken();
                            String to = checked(in.getText());
                            if (in.nextToken() != JsonToken.END_ARRAY) {
                                throw new IOException("a move is not a pair of paths");
                            }
                            moves.add(new String[] {from, to});
                        }
                    }
                    default -> {
                        if (value == JsonToken.START_ARRAY || value == JsonToken.START_OBJECT) {
                            in.skipChildren();
                        }
                    }
                }
            }
        }
        String name = file.getFileName().toString();
        String expected = name.substring(JOURNAL_PREFIX.length(), name.length() - ".json".length());
        if (job == null || !JOB.matcher(job).matches() || !job.equals(expected)) {
            throw new IOException("its job " + job + " is not the one its name says (" + expected + ")");
        }
        return new Journal(job, delete, moves);
    }

    /** A journal's path stays inside the destination: relative, without a {@code ..} step. */
    private static String checked(String relative) throws IOException {
        Path path;
        try {
            path = Path.of(relative);
        } catch (java.nio.file.InvalidPathException e) {
            throw new IOException("the path " + relative + " is not valid");
        }
        if (relative.isEmpty() || path.isAbsolute() || hasParentStep(path)) {
            throw new IOException("the path " + relative + " is not inside the destination");
        }
        return relative;
    }

    private static boolean hasParentStep(Path path) {
        for (Path part : path) {
            if (part.toString().equals("..")) {
                return true;
            }
        }
        return false;
    }

    /** Fails unless {@code path}'s directory, with links resolved, is inside the destination's. */
    private static void requireInside(Path destination, Path path) throws IOException {
        Path parent = path.getParent();
        while (parent != null && !Files.exists(parent)) {
            parent = parent.getParent();
        }
        if (parent == null || !parent.toRealPath().startsWith(destination.toRealPath())) {
            throw new IOException("the path " + path + " leads outside " + destination);
        }
    }

    /** Deletes the old files, moves the new ones, marks the output complete and removes the journal. */
    static void apply(Path destination, Journal journal) {
        try {
            Set<Path> emptied = new TreeSet<>();
            for (String relative : journal.delete()) {
                Path file = destination.resolve(relative);
                requireInside(destination, file);
                Files.deleteIfExists(file);
                for (Path dir = file.getParent(); dir != null && !dir.equals(destination); dir = dir.getParent()) {
                    emptied.add(dir);
                }
            }
            for (String[] move : journal.moves()) {
                Path source = destination.resolve(move[0]);
                Path target = destination.resolve(move[1]);
                requireInside(destination, target);
                if (!Files.exists(source)) {
                    if (Files.exists(target)) {
                        continue; // moved by an earlier attempt at this commit
                    }
                    throw new IOException("the new file " + source + " is gone and " + target + " is not there");
                }
                requireInside(destination, source);
                Files.createDirectories(target.getParent());
                Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
            }
            // Deepest first, so a partition directory emptied of its sub-directories goes too.
            List<Path> directories = new ArrayList<>(emptied);
            directories.sort((a, b) -> Integer.compare(b.getNameCount(), a.getNameCount()));
            for (Path dir : directories) {
                deleteIfEmpty(dir);
            }
            Path success = destination.resolve("_SUCCESS");
            if (!Files.exists(success)) {
                Files.write(success, new byte[0]);
            }
            FileUtils.deleteRecursively(staging(destination, journal.job()));
            Files.deleteIfExists(destination.resolve(JOURNAL_PREFIX + journal.job() + ".json"));
        } catch (IOException e) {
            throw new EmberException(
                    ErrorClass.OUTPUT_WRITE_FAILED,
                    "Cannot finish the commit of " + destination + " (" + e
                            + "); it is finished the next time the table or directory is read or written",
                    e);
        }
    }

    private static void deleteIfEmpty(Path dir) {
        try (var children = Files.list(dir)) {
            if (children.findAny().isPresent()) {
                return;
            }
        } catch (IOException e) {
            return;
        }
        try {
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // Not empty after all (a concurrent append), or gone: either way nothing to do.
        }
    }
}
