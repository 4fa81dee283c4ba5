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

    private static final String J = "6f1f9a52-8e8b-4d57-9a55-0f4f3c4b2a10";
    private static final String X = "0b8c2d7e-1111-4a2b-8c3d-4e5f60718293";

    /** Old files in two partitions, and a job J that staged new files for partition p=1 and p=3. */
    private List<String> stageJob() throws IOException {
        file("p=1/part-0-old.txt", "old1");
        file("p=2/part-0-old.txt", "old2");
        file("_SUCCESS", "");
        file("_temporary-" + J + "/task-00000/p=1/part-0-" + J + ".txt", "new1");
        file("_temporary-" + J + "/task-00001/p=3/part-1-" + J + ".txt", "new3");
        return List.of("task-00000/p=1/part-0-" + J + ".txt", "task-00001/p=3/part-1-" + J + ".txt");
    }

    @Test
    void anOverwriteReplacesEveryOldFileAndCleansUp() throws IOException {
        List<String> staged = stageJob();
        FileCommit.commit(dest, J, staged, FileCommit.Overwrite.all());
        assertThat(visible()).containsExactly("p=1/part-0-" + J + ".txt=new1", "p=3/part-1-" + J + ".txt=new3");
        assertThat(dest.resolve("_SUCCESS")).exists();
        assertThat(dest.resolve("p=2")).doesNotExist();
        assertThat(dest.resolve("_temporary-" + J)).doesNotExist();
        assertThat(FileCommit.journals(dest)).isEmpty();
    }

    @Test
    void aDynamicOverwriteReplacesOnlyThePartitionsWritten() throws IOException {
        List<String> staged = stageJob();
        FileCommit.commit(dest, J, staged, FileCommit.Overwrite.writtenPartitions());
        assertThat(visible())
                .containsExactly(
                        "p=1/part-0-" + J + ".txt=new1", "p=2/part-0-old.txt=old2", "p=3/part-1-" + J + ".txt=new3");
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
        FileCommit.Journal journal = FileCommit.prepare(dest, J, staged, FileCommit.Overwrite.all());
        FileCommit.writeJournal(dest, journal);
        // The driver died here: the commit is decided but not applied.
        assertThat(FileCommit.journals(dest)).hasSize(1);
        FileCommit.recover(dest);
        assertThat(visible()).containsExactly("p=1/part-0-" + J + ".txt=new1", "p=3/part-1-" + J + ".txt=new3");
        assertThat(FileCommit.journals(dest)).isEmpty();
    }

    @Test
    void aHalfAppliedJournalIsFinishedWithoutLosingANewFile() throws IOException {
        List<String> staged = stageJob();
        FileCommit.Journal journal = FileCommit.prepare(dest, J, staged, FileCommit.Overwrite.all());
        FileCommit.writeJournal(dest, journal);
        // The driver died after deleting one old file and moving one new file into the same partition.
        Files.delete(dest.resolve("p=1/part-0-old.txt"));
        Files.move(
                dest.resolve("_temporary-" + J + "/task-00000/p=1/part-0-" + J + ".txt"),
                dest.resolve("p=1/part-0-" + J + ".txt"));
        FileCommit.recover(dest);
        FileCommit.recover(dest);
        assertThat(visible()).containsExactly("p=1/part-0-" + J + ".txt=new1", "p=3/part-1-" + J + ".txt=new3");
    }

    @Test
    void aDamagedOrCraftedJournalIsRefusedAndTouchesNothing() throws IOException {
        stageJob();
        Path journal = dest.resolve("_commit-" + X + ".json");
        Files.writeString(journal, "{\"job\": \"" + X + "\", \"delete\": [\"../../etc/passwd\"]}");
        assertThatThrownBy(() -> FileCommit.recover(dest))
                .isInstanceOfSatisfying(
                        EmberException.class, e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.CATALOG_CORRUPT))
                .hasMessageContaining(journal.toString())
                .hasMessageContaining("not inside the destination");
        // A job that names another directory than its journal's, to have it deleted as "staging".
        Files.writeString(journal, "{\"job\": \"../../x\", \"delete\": []}");
        assertThatThrownBy(() -> FileCommit.recover(dest)).hasMessageContaining("is not the one its name says");
        // A link inside the destination that leads out of it.
        Path outside = Files.createTempDirectory("outside");
        Files.writeString(outside.resolve("precious"), "keep");
        Files.createSymbolicLink(dest.resolve("link"), outside);
        Files.writeString(journal, "{\"job\": \"" + X + "\", \"delete\": [\"link/precious\"], \"move\": []}");
        assertThatThrownBy(() -> FileCommit.recover(dest)).hasMessageContaining("leads outside");
        assertThat(outside.resolve("precious")).exists();
        Files.delete(dest.resolve("link"));
        Files.writeString(journal, "{\"job\": ");
        assertThatThrownBy(() -> FileCommit.recover(dest)).hasMessageContaining("cannot be read");
        assertThat(visible()).containsExactly("p=1/part-0-old.txt=old1", "p=2/part-0-old.txt=old2");
        Files.delete(journal);
        dev.ember.util.FileUtils.deleteRecursively(outside);
    }

    @Test
    void aCommitWhoseStagedFilesAreGoneFailsBeforeDecidingAnything() throws IOException {
        List<String> staged = stageJob();
        dev.ember.util.FileUtils.deleteRecursively(dest.resolve("_temporary-" + J));
        assertThatThrownBy(() -> FileCommit.commit(dest, J, staged, FileCommit.Overwrite.all()))
                .hasMessageContaining("is gone");
        assertThat(FileCommit.journals(dest)).isEmpty();
        assertThat(visible()).containsExactly("p=1/part-0-old.txt=old1", "p=2/part-0-old.txt=old2");
    }

    @Test
    void aJournalWhoseNewFileIsMissingIsNotReportedDone() throws IOException {
        List<String> staged = stageJob();
        FileCommit.writeJournal(dest, FileCommit.prepare(dest, J, staged, FileCommit.Overwrite.all()));
        Files.delete(dest.resolve("_temporary-" + J + "/task-00001/p=3/part-1-" + J + ".txt"));
        assertThatThrownBy(() -> FileCommit.recover(dest)).hasMessageContaining("is gone");
        // The journal stays, for someone to look at: the commit is not silently reported finished.
        assertThat(FileCommit.journals(dest)).hasSize(1);
    }
}
