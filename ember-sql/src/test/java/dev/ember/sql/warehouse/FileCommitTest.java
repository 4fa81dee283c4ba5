package dev.ember.sql.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commit of a write's files: whatever step the driver dies at, the destination holds the old files or the new,
 * and the next reader or writer finishes a decided commit.
 */
class FileCommitTest {
    @TempDir
    Path dest;

    private void file(String relative, String text) throws IOException {
        Path path = dest.resolve(relative);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
    }

    /** The files a reader sees, with their contents. */
    private List<String> visible() throws IOException {
        try (Stream<Path> files = Files.walk(dest)) {
            return files.filter(Files::isRegularFile)
                    .map(dest::relativize)
                    .filter(path -> {
                        for (Path part : path) {
                            if (part.toString().startsWith("_")
                                    || part.toString().startsWith(".")) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .map(path -> {
                        try {
                            return path + "=" + Files.readString(dest.resolve(path));
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .sorted()
                    .toList();
        }
    }

    /** Old files in two partitions, and a job "j" that staged new files for partition p=1 and p=3. */
    private List<String> stageJob() throws IOException {
        file("p=1/part-0-old.txt", "old1");
        file("p=2/part-0-old.txt", "old2");
        file("_SUCCESS", "");
        file("_temporary-j/task-00000/p=1/part-0-j.txt", "new1");
        file("_temporary-j/task-00001/p=3/part-1-j.txt", "new3");
        return List.of("task-00000/p=1/part-0-j.txt", "task-00001/p=3/part-1-j.txt");
    }

    @Test
    void anOverwriteReplacesEveryOldFileAndCleansUp() throws IOException {
        List<String> staged = stageJob();
        FileCommit.commit(dest, "j", staged, FileCommit.Overwrite.all());
        assertThat(visible()).containsExactly("p=1/part-0-j.txt=new1", "p=3/part-1-j.txt=new3");
        assertThat(dest.resolve("_SUCCESS")).exists();
        assertThat(dest.resolve("p=2")).doesNotExist();
        assertThat(dest.resolve("_temporary-j")).doesNotExist();
        assertThat(FileCommit.journals(dest)).isEmpty();
    }

    @Test
    void aDynamicOverwriteReplacesOnlyThePartitionsWritten() throws IOException {
        List<String> staged = stageJob();
        FileCommit.commit(dest, "j", staged, FileCommit.Overwrite.writtenPartitions());
        assertThat(visible())
                .containsExactly("p=1/part-0-j.txt=new1", "p=2/part-0-old.txt=old2", "p=3/part-1-j.txt=new3");
    }

    @Test
    void beforeTheJournalTheDestinationIsAsItWas() throws IOException {
        stageJob();
        // The driver died after its tasks wrote: only the hidden staging directory is new.
        FileCommit.recover(dest);
        assertThat(visible()).containsExactly("p=1/part-0-old.txt=old1", "p=2/part-0-old.txt=old2");
    }

    @Test
    void aJournalLeftByADeadDriverIsFinishedByTheNextReader() throws IOException {
        List<String> staged = stageJob();
        FileCommit.Journal journal = FileCommit.prepare(dest, "j", staged, FileCommit.Overwrite.all());
        FileCommit.writeJournal(dest, journal);
        // The driver died here: the commit is decided but not applied.
        assertThat(FileCommit.journals(dest)).hasSize(1);
        FileCommit.recover(dest);
        assertThat(visible()).containsExactly("p=1/part-0-j.txt=new1", "p=3/part-1-j.txt=new3");
        assertThat(FileCommit.journals(dest)).isEmpty();
    }

    @Test
    void aHalfAppliedJournalIsFinishedWithoutLosingANewFile() throws IOException {
        List<String> staged = stageJob();
        FileCommit.Journal journal = FileCommit.prepare(dest, "j", staged, FileCommit.Overwrite.all());
        FileCommit.writeJournal(dest, journal);
        // The driver died after deleting one old file and moving one new file into the same partition.
        Files.delete(dest.resolve("p=1/part-0-old.txt"));
        Files.move(dest.resolve("_temporary-j/task-00000/p=1/part-0-j.txt"), dest.resolve("p=1/part-0-j.txt"));
        FileCommit.recover(dest);
        FileCommit.recover(dest);
        assertThat(visible()).containsExactly("p=1/part-0-j.txt=new1", "p=3/part-1-j.txt=new3");
    }

    @Test
    void aDamagedOrCraftedJournalIsRefusedAndTouchesNothing() throws IOException {
        stageJob();
        Files.writeString(dest.resolve("_commit-x.json"), "{\"job\": \"x\", \"delete\": [\"../../etc/passwd\"]}");
        assertThatThrownBy(() -> FileCommit.recover(dest))
                .isInstanceOfSatisfying(
                        EmberException.class, e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.CATALOG_CORRUPT))
                .hasMessageContaining("_commit-x.json")
                .hasMessageContaining("not inside the destination");
        Files.writeString(dest.resolve("_commit-x.json"), "{\"job\": ");
        assertThatThrownBy(() -> FileCommit.recover(dest)).hasMessageContaining("cannot be read");
        assertThat(visible()).containsExactly("p=1/part-0-old.txt=old1", "p=2/part-0-old.txt=old2");
    }
}
