package dev.ember.files;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/**
 * Resolves input path specifications into files and splits. A specification is a comma-separated list of paths;
 * each is a file, a directory (its files, not recursively, skipping names starting with {@code _} or {@code .}),
 * or a glob ({@code *}, {@code ?}, {@code [..]}, {@code {a,b}}). Paths may carry the {@code file:} scheme.
 */
public final class FileInput {
    private static final double SPLIT_SLOP = 1.1;

    private FileInput() {}

    /** A local path for {@code path}, which may be {@code file:/...}, {@code file:///...} or a plain path. */
    public static Path localPath(String path) {
        return withoutScheme(path).toAbsolutePath().normalize();
    }

    /** {@code path} without its {@code file:} scheme, as given (relative or absolute); fails for other schemes. */
    private static Path withoutScheme(String path) {
        String trimmed = path.trim();
        int colon = trimmed.indexOf(':');
        if (colon > 1) {
            String scheme = trimmed.substring(0, colon).toLowerCase(Locale.ROOT);
            if (!scheme.equals("file")) {
                throw new EmberException(
                        ErrorClass.INVALID_ARGUMENT,
                        "Path " + path + " uses the scheme '" + scheme + "', which Ember cannot read: only local and"
                                + " mounted file systems (file:) are supported");
            }
            trimmed = trimmed.toLowerCase(Locale.ROOT).startsWith("file://")
                    ? URI.create(trimmed).getPath()
                    : trimmed.substring(colon + 1);
        }
        return Path.of(trimmed);
    }

    /** The files a specification names, in a stable order. */
    public static List<Path> listFiles(String specification) {
        if (specification == null || specification.isBlank()) {
            throw new EmberException(ErrorClass.INVALID_ARGUMENT, "Input path is empty");
        }
        List<Path> files = new ArrayList<>();
        for (String part : splitPaths(specification)) {
            if (part.isBlank()) {
                continue;
            }
            files.addAll(resolve(part.trim()));
        }
        return files;
    }

    /** The paths of a comma-separated specification; a comma inside braces belongs to a glob ({@code {a,b}}). */
    public static List<String> splitPaths(String specification) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < specification.length(); i++) {
            char c = specification.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && depth > 0) {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(specification.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(specification.substring(start));
        return parts;
    }

    private static boolean isGlob(String path) {
        return path.indexOf('*') >= 0 || path.indexOf('?') >= 0 || path.indexOf('[') >= 0 || path.indexOf('{') >= 0;
    }

    private static boolean isHidden(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith("_") || name.startsWith(".");
    }

    private static List<Path> resolve(String part) {
        Path path = localPath(part);
        if (isGlob(part)) {
            return expandGlob(path, part);
        }
        if (!Files.exists(path)) {
            throw new EmberException(
                    ErrorClass.INPUT_PATH_NOT_FOUND, "Input path does not exist: file:" + path + relativeNote(part));
        }
        if (!Files.isDirectory(path)) {
            checkReadable(path);
            return List.of(path);
        }
        try (Stream<Path> children = Files.list(path)) {
            List<Path> files = children.filter(child -> !isHidden(child))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
            files.forEach(FileInput::checkReadable);
            return files;
        } catch (IOException e) {
            throw new EmberException(
                    ErrorClass.INPUT_READ_FAILED,
                    "Cannot list input directory file:" + path + ": " + e.getMessage(),
                    e);
        }
    }

    /**
     * For a relative path that was not found, where it was looked for: in cluster deploy mode the driver runs in its
     * worker's work directory, not where the application was submitted from.
     */
    private static String relativeNote(String path) {
        if (withoutScheme(path).isAbsolute()) {
            return "";
        }
        return " (a relative path is resolved against the driver's working directory, "
                + Path.of("").toAbsolutePath() + "; a driver submitted with --deploy-mode cluster runs in its"
                + " worker's work directory: use an absolute path on a file system every machine mounts)";
    }

    private static void checkReadable(Path file) {
        if (!Files.isReadable(file)) {
            throw new EmberException(ErrorClass.INPUT_READ_FAILED, "Input file is not readable: file:" + file);
        }
    }

    private static List<Path> expandGlob(Path pattern, String original) {
        // The longest leading part without glob characters is where the walk starts.
        Path root = pattern.getRoot();
        Path base = root;
        int depth = 0;
        boolean inGlob = false;
        for (Path element : pattern) {
            if (!inGlob && !isGlob(element.toString())) {
                base = base.resolve(element);
            } else {
                inGlob = true;
                depth++;
            }
        }
        if (!Files.isDirectory(base)) {
            throw new EmberException(
                    ErrorClass.INPUT_PATH_NOT_FOUND,
                    "Input pattern " + original + " matches 0 files (" + base + " does not exist)"
                            + relativeNote(original));
        }
        PathMatcher matcher;
        try {
            matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern.toString());
        } catch (PatternSyntaxException e) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    "Input pattern " + original + " is not a valid glob: " + e.getMessage(),
                    e);
        }
        List<Path> matches = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(base, depth)) {
            walk.filter(candidate -> matcher.matches(candidate)).sorted().forEach(match -> {
                if (Files.isDirectory(match)) {
                    matches.addAll(resolve(match.toString()));
                } else if (!isHidden(match)) {
                    checkReadable(match);
                    matches.add(match);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to expand " + original, e);
        }
        if (matches.isEmpty()) {
            throw new EmberException(ErrorClass.INPUT_PATH_NOT_FOUND, "Input pattern " + original + " matches 0 files");
        }
        return matches;
    }

    /** Whether a file is gzip-compressed (read whole, not split). */
    public static boolean isCompressed(Path file) {
        return file.getFileName().toString().endsWith(".gz");
    }

    /**
     * Cuts files into splits of about {@code total / minPartitions} bytes, never more than {@code maxSplitSize}
     * (the last split of a file may be up to 10% larger rather than leave a sliver).
     */
    public static List<FileSplit> splits(List<Path> files, int minPartitions, long maxSplitSize) {
        List<Long> sizes = sizes(files);
        return cut(files, sizes, splitSize(sizes, minPartitions, maxSplitSize), true);
    }

    /**
     * Cuts files of fixed-length records into splits as {@link #splits} does, each a whole number of records: split
     * sizes are rounded down to a multiple of {@code recordLength} (one record at least). Files are read as they are
     * ({@code .gz} ones too). Fails, naming the file and its length, if a file's length is not a multiple of
     * {@code recordLength}.
     */
    public static List<FileSplit> recordSplits(
            List<Path> files, int minPartitions, long maxSplitSize, int recordLength) {
        List<Long> sizes = sizes(files);
        for (int i = 0; i < files.size(); i++) {
            if (sizes.get(i) % recordLength != 0) {
                throw new EmberException(
                        ErrorClass.INVALID_ARGUMENT,
                        "binaryRecords: file:" + files.get(i) + " is " + sizes.get(i) + " bytes long, which is not a"
                                + " multiple of the record length " + recordLength + " (" + sizes.get(i) % recordLength
                                + " bytes left over)");
            }
        }
        long splitSize = splitSize(sizes, minPartitions, maxSplitSize);
        return cut(files, sizes, Math.max(recordLength, splitSize - splitSize % recordLength), false);
    }

    /**
     * The files in at most {@code groups} groups of similar total size (at least one group, which may be empty),
     * each group's paths sorted: the largest file goes first, each into the group holding the fewest bytes so far.
     */
    public static List<List<String>> groupBySize(List<Path> files, int groups) {
        List<Long> sizes = sizes(files);
        int count = Math.max(1, Math.min(groups, files.size()));
        List<List<String>> assigned = new ArrayList<>();
        long[] totals = new long[count];
        for (int i = 0; i < count; i++) {
            assigned.add(new ArrayList<>());
        }
        Integer[] order = new Integer[files.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(sizes.get(b), sizes.get(a)));
        for (int index : order) {
            int lightest = 0;
            for (int g = 1; g < count; g++) {
                if (totals[g] < totals[lightest]) {
                    lightest = g;
                }
            }
            assigned.get(lightest).add(files.get(index).toString());
            totals[lightest] += sizes.get(index);
        }
        List<List<String>> nonEmpty = new ArrayList<>();
        for (List<String> group : assigned) {
            if (!group.isEmpty() || nonEmpty.isEmpty()) {
                group.sort(null);
                nonEmpty.add(group);
            }
        }
        return nonEmpty;
    }

    private static List<Long> sizes(List<Path> files) {
        List<Long> sizes = new ArrayList<>(files.size());
        for (Path file : files) {
            try {
                sizes.add(Files.size(file));
            } catch (IOException e) {
                throw new EmberException(
                        ErrorClass.INPUT_READ_FAILED, "Cannot read input file file:" + file + ": " + e.getMessage(), e);
            }
        }
        return sizes;
    }

    private static long splitSize(List<Long> sizes, int minPartitions, long maxSplitSize) {
        long total = 0;
        for (long size : sizes) {
            total += size;
        }
        long goal = total / Math.max(1, minPartitions);
        return Math.max(1, Math.min(goal, maxSplitSize));
    }

    /** Splits of {@code splitSize} bytes; with {@code wholeCompressed}, a {@code .gz} file is one split. */
    private static List<FileSplit> cut(List<Path> files, List<Long> sizes, long splitSize, boolean wholeCompressed) {
        List<FileSplit> splits = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            long length = sizes.get(i);
            String path = file.toString();
            boolean compressed = wholeCompressed && isCompressed(file);
            if (compressed || length == 0) {
                splits.add(new FileSplit(splits.size(), path, 0, length, compressed));
                continue;
            }
            long remaining = length;
            while ((double) remaining / splitSize > SPLIT_SLOP) {
                splits.add(new FileSplit(splits.size(), path, length - remaining, splitSize, false));
                remaining -= splitSize;
            }
            if (remaining > 0) {
                splits.add(new FileSplit(splits.size(), path, length - remaining, remaining, false));
            }
        }
        return splits;
    }
}
