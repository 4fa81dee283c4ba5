package dev.ember;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** A directory tree as the tests compare it. */
public final class FileTrees {
    private FileTrees() {}

    /**
     * Every file and directory under {@code root} by relative path, with '/' between names and after a directory's,
     * mapped to a file's content as UTF-8 text (empty for a directory).
     */
    public static Map<String, String> of(Path root) throws IOException {
        Map<String, String> tree = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.filter(path -> !path.equals(root)).toList()) {
                String name = root.relativize(path)
                        .toString()
                        .replace(path.getFileSystem().getSeparator(), "/");
                if (Files.isDirectory(path)) {
                    tree.put(name + "/", "");
                } else {
                    tree.put(name, Files.readString(path, StandardCharsets.UTF_8));
                }
            }
        }
        return tree;
    }
}
