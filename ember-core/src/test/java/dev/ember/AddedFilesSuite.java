package dev.ember;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files added with {@code ctx.addFile} and found with {@link EmberFiles}: what the tasks read is compared with what
 * the test wrote, and with the driver's own copy. The context lives as long as the class, so each test adds files
 * under names of its own.
 */
public abstract class AddedFilesSuite extends RddConformanceSuite {

    private static String read(String name) throws IOException {
        return Files.readString(Path.of(EmberFiles.get(name)), StandardCharsets.UTF_8);
    }

    @Test
    void tasksAndTheDriverReadAnAddedFileByItsName(@TempDir Path directory) throws IOException {
        String content = "alpha\nbeta ✓\n";
        Path file = Files.writeString(directory.resolve("lookup.txt"), content, StandardCharsets.UTF_8);
        ctx.addFile(file.toString());

        List<String> read =
                ctx.parallelize(integers(6), 6).map(i -> read("lookup.txt")).collect();
        assertThat(read).hasSize(6).containsOnly(content);
        assertThat(read("lookup.txt")).as("the driver's copy").isEqualTo(content);
        String onDriver = EmberFiles.get("lookup.txt");
        assertThat(Path.of(onDriver))
                .isAbsolute()
                .isEqualTo(Path.of(EmberFiles.getRootDirectory()).resolve("lookup.txt"))
                .isNotEqualTo(file);

        List<String> paths = ctx.parallelize(integers(6), 6)
                .map(i -> EmberFiles.get("lookup.txt"))
                .collect();
        if (tasksRunInThisJvm()) {
            assertThat(paths).containsOnly(onDriver);
        } else {
            assertThat(paths)
                    .as("each executor has its own copy in its working directory")
                    .doesNotContain(onDriver)
                    .allSatisfy(path -> assertThat(Path.of(path)).endsWith(Path.of("files", "lookup.txt")));
        }

        Files.writeString(file, "changed after it was added", StandardCharsets.UTF_8);
        assertThat(ctx.parallelize(integers(4), 4).map(i -> read("lookup.txt")).collect())
                .as("tasks read the content as it was added")
                .containsOnly(content);
    }

    @Test
    void aFileAddedAfterAJobIsSeenByTheNextJob(@TempDir Path directory) throws IOException {
        List<Boolean> before = ctx.parallelize(integers(4), 4)
                .map(i -> Files.exists(Path.of(EmberFiles.get("later.csv"))))
                .collect();
        assertThat(before).containsOnly(false);

        Path file = Files.writeString(directory.resolve("later.csv"), "k,v\n1,2\n", StandardCharsets.UTF_8);
        ctx.addFile(file.toUri().toString());
        assertThat(ctx.parallelize(integers(4), 4).map(i -> read("later.csv")).collect())
                .containsOnly("k,v\n1,2\n");

        Path second = Files.writeString(directory.resolve("second.csv"), "x\n", StandardCharsets.UTF_8);
        ctx.addFile("file:" + second);
        assertThat(ctx.parallelize(integers(4), 4)
                        .map(i -> read("later.csv") + read("second.csv"))
                        .collect())
                .containsOnly("k,v\n1,2\nx\n");
    }

    @Test
    void aDirectoryIsAddedWithEverythingInIt(@TempDir Path directory) throws IOException {
        Path model = directory.resolve("model");
        Files.createDirectories(model.resolve("sub/deeper"));
        Files.createDirectories(model.resolve("empty"));
        Files.writeString(model.resolve("weights.txt"), "0.5 0.25\n", StandardCharsets.UTF_8);
        Files.writeString(model.resolve("sub/names, with comma.txt"), "a\nb\n", StandardCharsets.UTF_8);
        Files.writeString(model.resolve("sub/deeper/.hidden"), "", StandardCharsets.UTF_8);

        EmberException notRecursive = emberError(() -> ctx.addFile(model.toString()));
        assertThat(notRecursive.errorClass()).isEqualTo(ErrorClass.INVALID_ARGUMENT);
        assertThat(notRecursive.getMessage()).contains(model.toString(), "addFile(path, true)");

        ctx.addFile(model.toString(), true);
        Map<String, String> expected = new TreeMap<>(Map.of(
                "empty/", "",
                "sub/", "",
                "sub/deeper/", "",
                "sub/deeper/.hidden", "",
                "sub/names, with comma.txt", "a\nb\n",
                "weights.txt", "0.5 0.25\n"));
        assertThat(FileTrees.of(model)).as("what the test wrote").isEqualTo(expected);
        List<Map<String, String>> trees = ctx.parallelize(integers(4), 4)
                .map(i -> FileTrees.of(Path.of(EmberFiles.get("model"))))
                .collect();
        assertThat(trees).hasSize(4).containsOnly(expected);
        assertThat(FileTrees.of(Path.of(EmberFiles.get("model")))).isEqualTo(expected);
        assertThat(ctx.parallelize(integers(2), 2)
                        .map(i -> read("model/sub/names, with comma.txt"))
                        .collect())
                .containsOnly("a\nb\n");
    }

    @Test
    void aDirectoryHoldingASymbolicLinkIsRefusedAndNothingIsAdded(@TempDir Path directory) throws IOException {
        Path outside = directory.resolve("outside.txt");
        Files.writeString(outside, "not in the tree\n", StandardCharsets.UTF_8);
        Path linked = directory.resolve("linked");
        Files.createDirectories(linked);
        Files.writeString(linked.resolve("in.txt"), "in the tree\n", StandardCharsets.UTF_8);
        Files.createSymbolicLink(linked.resolve("out.txt"), outside);

        EmberException refused = emberError(() -> ctx.addFile(linked.toString(), true));
        assertThat(refused.errorClass()).isEqualTo(ErrorClass.INVALID_ARGUMENT);
        assertThat(refused.getMessage()).contains(linked.resolve("out.txt").toString(), "symbolic link");
        // Nothing of it was added: the same name with other content is accepted afterwards.
        Files.delete(linked.resolve("out.txt"));
        ctx.addFile(linked.toString(), true);
        assertThat(ctx.parallelize(integers(2), 2)
                        .map(i -> read("linked/in.txt"))
                        .collect())
                .containsOnly("in the tree\n");
    }

    @Test
    void aNameIsAddedOnceAndOtherContentUnderItIsRefused(@TempDir Path directory) throws IOException {
        Path first = Files.writeString(
                Files.createDirectories(directory.resolve("a")).resolve("same.txt"), "one", StandardCharsets.UTF_8);
        Path twin = Files.writeString(
                Files.createDirectories(directory.resolve("b")).resolve("same.txt"), "one", StandardCharsets.UTF_8);
        Path other = Files.writeString(
                Files.createDirectories(directory.resolve("c")).resolve("same.txt"), "two", StandardCharsets.UTF_8);
        ctx.addFile(first.toString());
        ctx.addFile(first.toString());
        ctx.addFile(twin.toString());

        EmberException refused = emberError(() -> ctx.addFile(other.toString()));
        assertThat(refused.errorClass()).isEqualTo(ErrorClass.INVALID_ARGUMENT);
        assertThat(refused.getMessage()).contains("same.txt", first.toString(), other.toString(), "another name");

        Files.writeString(first, "changed", StandardCharsets.UTF_8);
        assertThat(emberError(() -> ctx.addFile(first.toString())).getMessage())
                .as("the same path with new content")
                .contains("other content");
        Path directoryNamedSame = Files.createDirectories(directory.resolve("d/same.txt"));
        assertThat(emberError(() -> ctx.addFile(directoryNamedSame.toString(), true))
                        .errorClass())
                .isEqualTo(ErrorClass.INVALID_ARGUMENT);

        assertThat(ctx.parallelize(integers(4), 4).map(i -> read("same.txt")).collect())
                .containsOnly("one");
    }

    @Test
    void aPathThatDoesNotExistIsRefusedNamingItAndTheWorkingDirectory(@TempDir Path directory) {
        String workingDirectory = Path.of("").toAbsolutePath().toString();
        String missing = directory.resolve("nowhere/data.txt").toString();
        EmberException absolute = emberError(() -> ctx.addFile(missing));
        assertThat(absolute.errorClass()).isEqualTo(ErrorClass.INPUT_PATH_NOT_FOUND);
        assertThat(absolute.getMessage()).contains(missing, workingDirectory);

        String relative = "no-such-file-" + System.nanoTime() + ".txt";
        EmberException relativeError = emberError(() -> ctx.addFile(relative, true));
        assertThat(relativeError.errorClass()).isEqualTo(ErrorClass.INPUT_PATH_NOT_FOUND);
        assertThat(relativeError.getMessage())
                .contains(relative, Path.of(workingDirectory, relative).toString(), workingDirectory);

        assertThat(emberError(() -> ctx.addFile("hdfs://namenode/data.txt")).errorClass())
                .isEqualTo(ErrorClass.INVALID_ARGUMENT);
        assertThat(ctx.parallelize(integers(2), 2).count())
                .as("the context still works")
                .isEqualTo(2);
    }

    @Test
    void addedFilesCanBeRunAndNamesCannotLeaveTheRoot(@TempDir Path directory) throws IOException {
        Path script = Files.writeString(directory.resolve("tool.sh"), "#!/bin/sh\necho hi\n", StandardCharsets.UTF_8);
        ctx.addFile(script.toString());
        assertThat(ctx.parallelize(integers(2), 2)
                        .map(i -> Files.isExecutable(Path.of(EmberFiles.get("tool.sh"))))
                        .collect())
                .containsOnly(true);

        for (String bad : List.of("", "../outside.txt", "sub/../../outside.txt", "/etc/hosts", ".")) {
            EmberException error = emberError(() -> EmberFiles.get(bad));
            assertThat(error.errorClass()).as(bad).isEqualTo(ErrorClass.INVALID_ARGUMENT);
            assertThat(error.getMessage()).contains("'" + bad + "'");
        }
        Throwable inTask = emberError(() ->
                ctx.parallelize(integers(1), 1).map(i -> EmberFiles.get("../x")).collect());
        assertThat(errorMessages(inTask)).contains("'../x' is not the name of a file under");
    }
}
