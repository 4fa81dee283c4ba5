package dev.ember.deploy;

import java.io.File;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Class path entries made independent of the directory a process runs in. A worker starts executors (and drivers of
 * cluster deploy mode) in their own work directories, so an entry relative to the directory of the process that
 * wrote it (the driver's {@code ember.executor.extraClassPath}, the worker's own class path, which in
 * {@code local-cluster} is the driver's) would name another place there, or nothing.
 */
final class ClassPathEntries {
    private ClassPathEntries() {}

    /** {@code entries}, each relative one resolved against {@code workingDirectory}; absolute ones unchanged. */
    static List<String> absolute(List<String> entries, Path workingDirectory) {
        List<String> absolute = new ArrayList<>(entries.size());
        for (String entry : entries) {
            absolute.add(absolute(entry, workingDirectory));
        }
        return absolute;
    }

    /**
     * One entry resolved against {@code workingDirectory}. A wildcard entry ({@code lib/*}, {@code *}) keeps its
     * wildcard; an empty entry, which Java reads as the working directory, becomes that directory. An entry that is
     * not a path on this system is left as it is, for the JVM to judge.
     */
    static String absolute(String entry, Path workingDirectory) {
        boolean wildcard = entry.equals("*") || entry.endsWith("/*") || entry.endsWith(File.separator + "*");
        String base = wildcard ? entry.substring(0, entry.length() - 1) : entry;
        Path path;
        try {
            path = Path.of(base);
        } catch (InvalidPathException e) {
            return entry;
        }
        if (path.isAbsolute()) {
            return entry;
        }
        String resolved =
                workingDirectory.toAbsolutePath().resolve(path).normalize().toString();
        return wildcard ? resolved + File.separator + "*" : resolved;
    }
}
