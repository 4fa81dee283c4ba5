package dev.ember.ui.history;

import dev.ember.events.EmberListener;
import dev.ember.events.EmberListenerEvent;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays one application's log directory into a listener. A line that is not a readable event is skipped and
 * reported (file and line number); a compressed file cut short (a driver that crashed mid-write) ends where it was
 * cut. Lines longer than {@value #MAX_LINE_CHARS} characters are skipped unread.
 */
final class EventLogReader {
    private static final Logger LOG = LoggerFactory.getLogger(EventLogReader.class);
    static final int MAX_LINE_CHARS = 16 * 1024 * 1024;
    private static final int MAX_REPORTED = 20;

    /**
     * What a replay found.
     *
     * @param complete whether the application's end was logged (its marker says so)
     * @param skipped lines that could not be read
     * @param problems the first of them, described with their place
     */
    record Replay(boolean complete, int events, int skipped, List<String> problems) {}

    private EventLogReader() {}

    /** The event files of {@code directory}, in the order they were written. */
    static List<Path> eventFiles(Path directory) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, EventLogWriter.EVENTS_PREFIX + "*")) {
            entries.forEach(files::add);
        }
        files.sort(Comparator.comparingInt(EventLogReader::index));
        return files;
    }

    private static int index(Path file) {
        String name = file.getFileName().toString().substring(EventLogWriter.EVENTS_PREFIX.length());
        int end = name.indexOf('_');
        try {
            return end < 0 ? Integer.MAX_VALUE : Integer.parseInt(name.substring(0, end));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    /** Whether {@code directory}'s application logged its end. */
    static boolean complete(Path directory) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, EventLogWriter.STATUS_PREFIX + "*")) {
            for (Path entry : entries) {
                if (!entry.getFileName().toString().endsWith(EventLogWriter.IN_PROGRESS)) {
                    return true;
                }
            }
        }
        return false;
    }

    static Replay replay(Path directory, EmberListener listener) throws IOException {
        int events = 0;
        int skipped = 0;
        List<String> problems = new ArrayList<>();
        for (Path file : eventFiles(directory)) {
            int lineNumber = 0;
            try (InputStream raw = Files.newInputStream(file);
                    InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 64 * 1024) : raw;
                    BufferedReader reader =
                            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 64 * 1024)) {
                while (true) {
                    String line;
                    try {
                        line = readLine(reader);
                    } catch (EOFException | ZipException e) {
                        // Cut short: what was flushed before the cut has been read.
                        problem(problems, file, lineNumber + 1, "the file ends mid-stream (" + e.getMessage() + ")");
                        break;
                    }
                    if (line == null) {
                        break;
                    }
                    lineNumber++;
                    if (line.isBlank()) {
                        continue;
                    }
                    EmberListenerEvent event;
                    try {
                        if (line.length() > MAX_LINE_CHARS) {
                            throw new IOException("the line is longer than " + MAX_LINE_CHARS + " characters");
                        }
                        event = EventJsonReader.read(line);
                    } catch (IOException | RuntimeException e) {
                        skipped++;
                        problem(problems, file, lineNumber, e.getMessage());
                        continue;
                    }
                    if (event != null) {
                        EmberListener.dispatch(listener, event);
                        events++;
                    }
                }
            } catch (EOFException | ZipException e) {
                problem(problems, file, 1, "not a readable compressed file (" + e.getMessage() + ")");
                skipped++;
            }
        }
        if (!problems.isEmpty()) {
            LOG.warn(
                    "Event log {}: skipped {} unreadable line(s), replayed {} events; first: {}",
                    directory,
                    skipped,
                    events,
                    problems.get(0));
        }
        return new Replay(complete(directory), events, skipped, problems);
    }

    /** A line, or null at the end; a line past the limit is returned cut to {@code MAX_LINE_CHARS + 1} characters. */
    private static String readLine(BufferedReader reader) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = reader.read()) >= 0) {
            if (c == '\n') {
                return line.toString();
            }
            if (line.length() <= MAX_LINE_CHARS) {
                line.append((char) c);
            }
        }
        return line.isEmpty() ? null : line.toString();
    }

    private static void problem(List<String> problems, Path file, int line, String what) {
        if (problems.size() < MAX_REPORTED) {
            problems.add(file.getFileName() + " line " + line + ": " + what);
        }
    }
}
