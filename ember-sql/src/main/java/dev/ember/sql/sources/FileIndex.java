package dev.ember.sql.sources;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.expressions.Casts;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.StructField;
import dev.ember.sql.types.StructType;
import dev.ember.util.ByteSizes;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The data files under the paths of a read, with their partition values.
 *
 * <p>A path is a file, a directory (listed recursively) or a glob pattern ({@code /data/*.csv}, {@code
 * /logs/2024-0[1-3]/*}, {@code /x/{a,b}}). Files and directories whose names start with {@code _} or {@code .} are
 * hidden ({@code _SUCCESS}, {@code .crc}) and skipped. A path that does not exist, or a pattern that matches nothing,
 * fails with {@link ErrorClass#INPUT_PATH_NOT_FOUND}.
 *
 * <p>Partition discovery: directories named {@code key=value} between a directory given (or matched) and a file
 * make partition columns, outermost first. Their types are inferred from every value of the column (int, bigint,
 * decimal, double, date {@code yyyy-MM-dd}, timestamp, else string; {@code __HIVE_DEFAULT_PARTITION__} is null;
 * values are unescaped from {@code %XX}), unless the user schema has a field of the column's name, whose type is then
 * used. Files at different depths of partition directories, or with the columns in another order, fail.
 *
 * <p>Options: {@code recursiveFileLookup} (list every file, no partition discovery), {@code pathGlobFilter} (a glob
 * the file names must match), {@code partitionColumnTypeInference} (true; false keeps values as strings), {@code
 * timeZone} (for timestamp partition values), and {@code maxPartitionBytes} for {@link #maxSplitBytes}.
 */
public final class FileIndex {
    /** The split size when {@code maxPartitionBytes} is not given: 128 MiB. */
    public static final long DEFAULT_MAX_SPLIT_BYTES = 128L << 20;

    public static final String DEFAULT_PARTITION_NAME = "__HIVE_DEFAULT_PARTITION__";

    private final List<PartitionedFile> files;
    private final StructType partitionSchema;

    private FileIndex(List<PartitionedFile> files, StructType partitionSchema) {
        this.files = List.copyOf(files);
        this.partitionSchema = partitionSchema;
    }

    /** The files under {@code paths}, with no user schema and default options. */
    public static FileIndex of(List<String> paths) {
        return of(paths, SourceOptions.empty(), null);
    }

    /**
     * The files under {@code paths}, sorted by path; {@code userSchema} (may be null) gives the types of partition
     * columns it names.
     */
    public static FileIndex of(List<String> paths, SourceOptions options, StructType userSchema) {
        if (paths.isEmpty()) {
            throw new EmberException(ErrorClass.INVALID_ARGUMENT, "No input path given");
        }
        boolean recursiveOnly = options.getBoolean("recursiveFileLookup", false);
        PathMatcher nameFilter = options.contains("pathGlobFilter")
                ? FileSystems.getDefault().getPathMatcher("glob:" + options.get("pathGlobFilter", "*"))
                : null;
        // file path -> the partition directories' names above it
        Map<String, Listed> listed = new TreeMap<>();
        for (String given : paths) {
            for (Path root : resolve(given)) {
                listRoot(root, nameFilter, recursiveOnly, listed);
            }
        }
        return discoverPartitions(new ArrayList<>(listed.values()), options, userSchema);
    }

    /** The files found. */
    public List<PartitionedFile> files() {
        return files;
    }

    /** The partition columns, outermost directory first; empty when there are none. */
    public StructType partitionSchema() {
        return partitionSchema;
    }

    /** The absolute paths of the files, for {@link FileFormat#inferSchema}. */
    public List<Path> paths() {
        List<Path> result = new ArrayList<>(files.size());
        for (PartitionedFile file : files) {
            result.add(Path.of(file.path()));
        }
        return result;
    }

    /** The split size of the {@code maxPartitionBytes} option ({@code 67108864}, {@code 64m}), 128 MiB by default. */
    public static long maxSplitBytes(SourceOptions options) {
        if (!options.contains("maxPartitionBytes")) {
            return DEFAULT_MAX_SPLIT_BYTES;
        }
        String value = options.get("maxPartitionBytes", "");
        long bytes;
        try {
            bytes = ByteSizes.parse(value.trim(), ByteSizes.Unit.BYTE);
        } catch (RuntimeException e) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    "The option maxPartitionBytes must be a size in bytes, not '" + value + "'");
        }
        if (bytes <= 0) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT, "The option maxPartitionBytes must be positive, not '" + value + "'");
        }
        return bytes;
    }

    /**
     * The files cut into splits of at most {@code maxSplitBytes} bytes, in order; a file that is not {@code
     * splittable} (or is compressed) is one split. Empty files make no split.
     */
    public static List<FileSplit> splits(List<PartitionedFile> files, boolean splittable, long maxSplitBytes) {
        if (maxSplitBytes <= 0) {
            throw new IllegalArgumentException("The split size must be positive, not " + maxSplitBytes);
        }
        List<FileSplit> splits = new ArrayList<>();
        for (PartitionedFile file : files) {
            long length = file.length();
            if (length <= 0) {
                continue;
            }
            if (!splittable || SourceFiles.isCompressed(file.path())) {
                splits.add(new FileSplit(file.path(), 0, length, length, file.partitionValues()));
                continue;
            }
            for (long start = 0; start < length; start += maxSplitBytes) {
                long size = Math.min(maxSplitBytes, length - start);
                splits.add(new FileSplit(file.path(), start, size, length, file.partitionValues()));
            }
        }
        return splits;
    }

    // ---------------------------------------------------------------- listing

    /** A file found, with the {@code k=v} directory names between its root and itself. */
    private record Listed(String path, long length, List<String> partitionDirs, String root) {}

    private static boolean hasGlob(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == '{') {
                return true;
            }
        }
        return false;
    }

    /** The paths a given path stands for: itself if it exists, else what its glob matches. */
    private static List<Path> resolve(String given) {
        String text = given.startsWith("file:") ? stripScheme(given) : given;
        if (!hasGlob(text)) {
            Path path;
            try {
                path = Path.of(text).toAbsolutePath().normalize();
            } catch (InvalidPathException e) {
                throw notFound(given);
            }
            if (!Files.exists(path)) {
                throw notFound(given);
            }
            return List.of(path);
        }
        String pattern = text.startsWith("/") ? text : Path.of("").toAbsolutePath() + "/" + text;
        String[] parts = pattern.split("/+");
        Path base = Path.of("/");
        int i = 0;
        while (i < parts.length && !hasGlob(parts[i])) {
            if (!parts[i].isEmpty()) {
                base = base.resolve(parts[i]);
            }
            i++;
        }
        List<Path> current = List.of(base);
        for (; i < parts.length; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            List<Path> next = new ArrayList<>();
            for (Path dir : current) {
                if (!hasGlob(part)) {
                    Path child = dir.resolve(part);
                    if (Files.exists(child)) {
                        next.add(child);
                    }
                    continue;
                }
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + part);
                boolean hiddenPattern = PartitionPaths.isHidden(part);
                try (Stream<Path> children = Files.list(dir)) {
                    children.filter(child -> matcher.matches(child.getFileName()))
                            .filter(child -> hiddenPattern
                                    || !PartitionPaths.isHidden(
                                            child.getFileName().toString()))
                            .sorted()
                            .forEach(next::add);
                } catch (IOException e) {
                    throw SourceFiles.readFailed(dir.toString(), e);
                }
            }
            current = next;
        }
        if (current.isEmpty()) {
            throw notFound(given);
        }
        List<Path> normalized = new ArrayList<>();
        for (Path path : current) {
            normalized.add(path.normalize());
        }
        return normalized;
    }

    /** A path without its {@code file:} scheme ({@code file:///data/x} is {@code /data/x}); other text as it is. */
    public static String stripScheme(String uri) {
        if (!uri.startsWith("file:")) {
            return uri;
        }
        String rest = uri.substring("file:".length());
        while (rest.startsWith("//")) {
            rest = rest.substring(1);
        }
        return rest;
    }

    private static EmberException notFound(String path) {
        return new EmberException(ErrorClass.INPUT_PATH_NOT_FOUND, "Path does not exist: " + path);
    }

    private static void listRoot(Path root, PathMatcher nameFilter, boolean recursiveOnly, Map<String, Listed> out) {
        if (!Files.isDirectory(root)) {
            addFile(root, root, List.of(), nameFilter, out);
            return;
        }
        try {
            Files.walkFileTree(
                    root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                            if (!dir.equals(root)
                                    && PartitionPaths.isHidden(dir.getFileName().toString())) {
                                return FileVisitResult.SKIP_SUBTREE;
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                            if (attrs.isDirectory()
                                    || PartitionPaths.isHidden(
                                            file.getFileName().toString())) {
                                return FileVisitResult.CONTINUE;
                            }
                            List<String> dirs = new ArrayList<>();
                            if (!recursiveOnly) {
                                Path relative = root.relativize(file.getParent());
                                for (Path part : relative) {
                                    String name = part.toString();
                                    if (name.contains("=")) {
                                        dirs.add(name);
                                    }
                                }
                            }
                            addFile(file, root, dirs, nameFilter, out);
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                            throw e;
                        }
                    });
        } catch (IOException e) {
            throw SourceFiles.readFailed(root.toString(), e);
        }
    }

    private static void addFile(
            Path file, Path root, List<String> partitionDirs, PathMatcher nameFilter, Map<String, Listed> out) {
        if (nameFilter != null && !nameFilter.matches(file.getFileName())) {
            return;
        }
        try {
            long length = Files.size(file);
            Path real = file.toAbsolutePath().normalize();
            out.putIfAbsent(real.toString(), new Listed(real.toString(), length, partitionDirs, root.toString()));
        } catch (IOException e) {
            throw SourceFiles.readFailed(file.toString(), e);
        }
    }

    // ---------------------------------------------------------------- partitions

    private static FileIndex discoverPartitions(List<Listed> listed, SourceOptions options, StructType userSchema) {
        if (listed.isEmpty()) {
            return new FileIndex(List.of(), new StructType());
        }
        // Every file must have the same partition columns, in the same order.
        List<String> columns = null;
        Listed first = null;
        List<List<String>> rawValues = new ArrayList<>();
        for (Listed file : listed) {
            List<String> names = new ArrayList<>();
            List<String> values = new ArrayList<>();
            for (String dir : file.partitionDirs()) {
                int eq = dir.indexOf('=');
                String name = PartitionPaths.unescape(dir.substring(0, eq));
                if (name.isEmpty()) {
                    throw new EmberException(
                            ErrorClass.INVALID_ARGUMENT,
                            "The partition directory " + dir + " above " + file.path() + " has an empty column name");
                }
                names.add(name);
                values.add(dir.substring(eq + 1));
            }
            if (columns == null) {
                columns = names;
                first = file;
            } else if (!PartitionPaths.sameColumns(columns, names)) {
                throw new EmberException(
                        ErrorClass.INVALID_ARGUMENT,
                        "Conflicting partition directories: " + first.path() + " is under the partition columns ["
                                + String.join(", ", columns) + "] but " + file.path() + " is under ["
                                + String.join(", ", names) + "]. The files of a read must all be at the same depth"
                                + " of k=v directories, with the columns in the same order");
            }
            rawValues.add(values);
        }
        for (int i = 0; i < columns.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (columns.get(i).equalsIgnoreCase(columns.get(j))) {
                    throw new EmberException(
                            ErrorClass.INVALID_ARGUMENT,
                            "The partition column " + columns.get(i) + " appears twice in the directories above "
                                    + first.path());
                }
            }
        }
        boolean inferTypes = options.getBoolean("partitionColumnTypeInference", true);
        ZoneId zone = TemporalFormats.zoneOf(options);
        List<StructField> fields = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            String name = columns.get(c);
            DataType type = userType(userSchema, name).orElse(null);
            if (type == null) {
                type = inferTypes ? inferColumn(rawValues, c) : DataTypes.StringType;
            }
            fields.add(new StructField(name, type, true));
        }
        StructType schema = new StructType(fields);
        List<PartitionedFile> files = new ArrayList<>(listed.size());
        for (int f = 0; f < listed.size(); f++) {
            Listed file = listed.get(f);
            List<Object> values = new ArrayList<>(fields.size());
            for (int c = 0; c < fields.size(); c++) {
                values.add(convert(rawValues.get(f).get(c), fields.get(c), zone, file.path()));
            }
            files.add(new PartitionedFile(file.path(), file.length(), values));
        }
        return new FileIndex(files, schema);
    }

    private static Optional<DataType> userType(StructType userSchema, String name) {
        if (userSchema == null) {
            return Optional.empty();
        }
        for (StructField field : userSchema) {
            if (field.name().equalsIgnoreCase(name)) {
                return Optional.of(field.dataType());
            }
        }
        return Optional.empty();
    }

    private static DataType inferColumn(List<List<String>> rawValues, int column) {
        DataType result = null;
        for (List<String> values : rawValues) {
            String raw = values.get(column);
            if (raw.equals(DEFAULT_PARTITION_NAME)) {
                continue;
            }
            DataType type = inferValue(PartitionPaths.unescape(raw));
            result = result == null ? type : widen(result, type);
        }
        return result == null ? DataTypes.StringType : result;
    }

    static DataType inferValue(String value) {
        if (value.isEmpty()) {
            return DataTypes.StringType;
        }
        if (looksIntegral(value)) {
            try {
                Integer.parseInt(value);
                return DataTypes.IntegerType;
            } catch (NumberFormatException e) {
                // wider
            }
            try {
                Long.parseLong(value);
                return DataTypes.LongType;
            } catch (NumberFormatException e) {
                // wider
            }
            java.math.BigDecimal decimal = new java.math.BigDecimal(value);
            if (decimal.precision() <= 38) {
                return DataTypes.createDecimalType(Math.max(decimal.precision(), 1), 0);
            }
        }
        if (looksFractional(value)) {
            try {
                double number = Double.parseDouble(value);
                if (Double.isFinite(number)) {
                    return DataTypes.DoubleType;
                }
            } catch (NumberFormatException e) {
                // not a number
            }
        }
        if (isStrictDate(value)) {
            return DataTypes.DateType;
        }
        if (value.length() > 10 && isStrictDate(value.substring(0, 10))) {
            try {
                Casts.parseTimestamp(value, value, DataTypes.TimestampType, ZoneId.of("UTC"), "a partition value");
                return DataTypes.TimestampType;
            } catch (RuntimeException e) {
                // a string
            }
        }
        return DataTypes.StringType;
    }

    private static boolean looksIntegral(String value) {
        int start = value.charAt(0) == '-' || value.charAt(0) == '+' ? 1 : 0;
        if (start == value.length()) {
            return false;
        }
        for (int i = start; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean looksFractional(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9' || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isStrictDate(String value) {
        if (value.length() != 10 || value.charAt(4) != '-' || value.charAt(7) != '-') {
            return false;
        }
        try {
            java.time.LocalDate.parse(value);
            return true;
        } catch (java.time.DateTimeException e) {
            return false;
        }
    }

    private static int rank(DataType type) {
        if (type.equals(DataTypes.IntegerType)) {
            return 0;
        }
        if (type.equals(DataTypes.LongType)) {
            return 1;
        }
        if (type instanceof dev.ember.sql.types.DecimalType) {
            return 2;
        }
        if (type.equals(DataTypes.DoubleType)) {
            return 3;
        }
        return -1;
    }

    private static DataType widen(DataType a, DataType b) {
        if (a.equals(b)) {
            return a;
        }
        int ra = rank(a);
        int rb = rank(b);
        if (ra >= 0 && rb >= 0) {
            if (a instanceof dev.ember.sql.types.DecimalType da && b instanceof dev.ember.sql.types.DecimalType db) {
                return DataTypes.createDecimalType(Math.max(da.precision(), db.precision()), 0);
            }
            if (ra == 2 && rb < 2 || rb == 2 && ra < 2) {
                dev.ember.sql.types.DecimalType decimal = (dev.ember.sql.types.DecimalType) (ra == 2 ? a : b);
                int integral = (ra == 2 ? rb : ra) == 0 ? 10 : 20;
                return DataTypes.createDecimalType(Math.min(38, Math.max(decimal.precision(), integral)), 0);
            }
            return ra > rb ? a : b;
        }
        if ((a.equals(DataTypes.DateType) || a.equals(DataTypes.TimestampType))
                && (b.equals(DataTypes.DateType) || b.equals(DataTypes.TimestampType))) {
            return DataTypes.TimestampType;
        }
        return DataTypes.StringType;
    }

    private static Object convert(String raw, StructField field, ZoneId zone, String file) {
        if (raw.equals(DEFAULT_PARTITION_NAME)) {
            return null;
        }
        String value = PartitionPaths.unescape(raw);
        DataType type = field.dataType();
        if (type.equals(DataTypes.StringType)) {
            return value;
        }
        try {
            return Casts.cast(value, DataTypes.StringType, type, zone, "the partition column " + field.name());
        } catch (RuntimeException e) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    "The partition value '" + value + "' of the column " + field.name() + " (directory of " + file
                            + ") is not a " + type.simpleString(),
                    e);
        }
    }

    @Override
    public String toString() {
        return "FileIndex(" + files.size() + " files, partitions " + partitionSchema.simpleString() + ")";
    }
}
