package dev.ember.scheduler.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileShippingTest {
    @Test
    void entriesSurviveThePropertyWhateverTheirNames() {
        List<FileShipping.Entry> entries = List.of(
                new FileShipping.Entry("plain.txt", false),
                new FileShipping.Entry("a,b c+d%e.csv", false),
                new FileShipping.Entry("ünïcødé ✓", false),
                new FileShipping.Entry("model", true));
        String property = FileShipping.encode(entries);
        assertThat(property).isEqualTo("plain.txt,a%2Cb+c%2Bd%25e.csv,%C3%BCn%C3%AFc%C3%B8d%C3%A9+%E2%9C%93,model/");
        assertThat(FileShipping.decode(property)).isEqualTo(entries);
        assertThat(FileShipping.decode(null)).isEmpty();
        assertThat(FileShipping.decode("")).isEmpty();
        assertThat(entries.get(3).streamId()).isEqualTo("file/model/");
        assertThat(entries.get(1).streamId()).isEqualTo("file/a%2Cb+c%2Bd%25e.csv");
    }

    @Test
    void namesThatCouldLeaveTheDirectoryAreRefused() {
        for (String bad : new String[] {"", ".", "..", "a/b", "a\\b", "nul\0", null}) {
            assertThatThrownBy(() -> new FileShipping.Entry(bad, false))
                    .as(String.valueOf(bad))
                    .isInstanceOf(EmberException.class)
                    .satisfies(
                            e -> assertThat(((EmberException) e).errorClass()).isEqualTo(ErrorClass.INVALID_ARGUMENT));
        }
        for (String bad : new String[] {"..%2Fx", "%2E%2E", "a%2Fb/", "%zz"}) {
            assertThatThrownBy(() -> FileShipping.decode(bad)).as(bad).isInstanceOf(EmberException.class);
        }
    }

    @Test
    void aDirectoryTravelsWithItsFilesAndEmptyDirectories(@TempDir Path temp) throws IOException {
        Path source = Files.createDirectories(temp.resolve("source"));
        Files.createDirectories(source.resolve("empty"));
        Files.createDirectories(source.resolve("a/b"));
        Files.writeString(source.resolve("top.txt"), "top");
        Files.writeString(source.resolve("a/b/deep.txt"), "deep\n".repeat(10_000));
        Files.writeString(source.resolve("a/.hidden"), "");
        Path archive = temp.resolve("source.zip");
        FileShipping.writeArchive(source, archive);
        Path target = temp.resolve("target");
        FileShipping.extractArchive(archive, target);
        Map<String, String> expected = Map.of(
                "a/", "",
                "a/.hidden", "",
                "a/b/", "",
                "a/b/deep.txt", "deep\n".repeat(10_000),
                "empty/", "",
                "top.txt", "top");
        assertThat(dev.ember.FileTrees.of(target)).isEqualTo(expected).isEqualTo(dev.ember.FileTrees.of(source));
        assertThat(Files.isExecutable(target.resolve("top.txt"))).isTrue();
    }

    @Test
    void anArchiveEntryOutsideItsRootFailsTheExtraction(@TempDir Path temp) throws IOException {
        for (String name : List.of("../escaped.txt", "a/../../escaped.txt", "/absolute.txt")) {
            Path archive = temp.resolve("bad.zip");
            try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(archive))) {
                out.putNextEntry(new ZipEntry(name));
                out.write("x".getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
            Path target = temp.resolve("target");
            assertThatThrownBy(() -> FileShipping.extractArchive(archive, target))
                    .as(name)
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining(name);
            assertThat(temp.resolve("escaped.txt")).doesNotExist();
            assertThat(Path.of("/absolute.txt")).doesNotExist();
            Files.delete(archive);
        }
    }
}
