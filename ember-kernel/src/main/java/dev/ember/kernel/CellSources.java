package dev.ember.kernel;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SourceCodeAnalysis;

/**
 * Where each snippet came from, so that places in code read as the user wrote it: {@code cell [3], line 2} rather than
 * JShell's names for it. JShell runs each snippet as a class of its own, {@code REPL.$JShell$ID} for snippet
 * {@code ID}, compiled from a wrapped source that puts the snippet a few lines down; so code in the interpreter's JVM
 * sees places such as {@code $JShell$13.java:8} (in stage names, the progress bar, log lines), and the exceptions
 * JShell reports name their frames {@code #13:1} (a line of the snippet). A line of the wrapped source is taken back
 * to the snippet through JShell's own map of positions; in a variable's initializer spread over several lines,
 * the class JShell compiles may number lines one off.
 *
 * <p>The shell thread records each snippet before it runs ({@link #beforeSnippet}: the cell's execution count, the
 * cell line the snippet starts on, and the wrapped line it starts on, which JShell tells before the snippet has an id)
 * and after ({@link #afterSnippet}: under its id). A place of a snippet newer than every recorded one is the running
 * snippet's; one of an older snippet not recorded (the kernel's own) is left as it is.
 * {@link #rename} may be called from any thread.
 */
@dev.ember.util.AllowedCall("jdk.jshell is the JDK's supported, exported API for evaluating Java snippets")
final class CellSources {
    /** A place in the interpreter's JVM: the wrapper's source file and line. */
    private static final Pattern WRAPPED_PLACE = Pattern.compile("\\$JShell\\$(\\d+)\\.java:(\\d+)");

    /**
     * A snippet's origin: cell {@code cell} (its execution count), starting on line {@code firstLine} of the cell,
     * with its {@code source} and JShell's {@code wrapper} of it.
     */
    @dev.ember.util.AllowedCall("jdk.jshell is the JDK's supported, exported API for evaluating Java snippets")
    record Origin(int cell, int firstLine, String source, SourceCodeAnalysis.SnippetWrapper wrapper) {
        String at(int snippetLine) {
            return "cell [" + cell + "], line " + (firstLine + snippetLine - 1);
        }

        /** The line of the snippet that line {@code wrappedLine} of the wrapped source holds, or 0 if none. */
        int snippetLine(int wrappedLine) {
            String wrapped = wrapper.wrapped();
            int position = 0;
            for (int line = 1; line < wrappedLine && position >= 0; line++) {
                position = wrapped.indexOf('\n', position);
                position = position < 0 ? -1 : position + 1;
            }
            if (position < 0) {
                return 0;
            }
            while (position < wrapped.length()
                    && wrapped.charAt(position) != '\n'
                    && Character.isWhitespace(wrapped.charAt(position))) {
                position++;
            }
            int inSource = wrapper.wrappedToSourcePosition(position);
            return inSource < 0 || inSource > source.length() ? 0 : lineOf(source, inSource);
        }
    }

    private final Map<String, Origin> byId = new ConcurrentHashMap<>();
    private volatile Origin running;
    /** The highest snippet id recorded: a place of a higher one can only be the running snippet's. */
    private volatile long highestId = -1;

    /** Snippet {@code source} of cell {@code cell}, starting on {@code firstLine} of the cell, is about to run. */
    void beforeSnippet(JShell js, int cell, int firstLine, String source) {
        List<SourceCodeAnalysis.SnippetWrapper> wrappers =
                js.sourceCodeAnalysis().wrappers(source);
        running = wrappers.isEmpty() ? null : new Origin(cell, firstLine, source, wrappers.get(0));
    }

    /** {@code snippet} ran: the source last given to {@link #beforeSnippet}. */
    void afterSnippet(JShell js, Snippet snippet) {
        Origin origin = running;
        if (origin == null) {
            return;
        }
        try {
            highestId = Math.max(highestId, Long.parseLong(snippet.id()));
        } catch (NumberFormatException e) {
            // Not a numbered snippet.
        }
        byId.put(
                snippet.id(),
                new Origin(
                        origin.cell(),
                        origin.firstLine(),
                        snippet.source(),
                        js.sourceCodeAnalysis().wrapper(snippet)));
    }

    /** No snippet runs (the cell ended). */
    void endCell() {
        running = null;
    }

    /** A fresh JShell numbers its snippets from the start again. */
    void clear() {
        byId.clear();
        running = null;
        highestId = -1;
    }

    /**
     * {@code text} with each {@code $JShell$ID.java:LINE} of a known snippet replaced by {@code cell [N], line M}; a
     * place of a snippet not recorded yet is taken to be the running snippet's.
     */
    String rename(String text) {
        if (text.indexOf("$JShell$") < 0) {
            return text;
        }
        Matcher matcher = WRAPPED_PLACE.matcher(text);
        StringBuilder renamed = new StringBuilder();
        while (matcher.find()) {
            Origin origin = byId.get(matcher.group(1));
            if (origin == null && Long.parseLong(matcher.group(1)) > highestId) {
                // Not compiled before the running snippet: it is that snippet (the kernel's own are never recorded).
                origin = running;
            }
            String replacement = matcher.group();
            if (origin != null) {
                int snippetLine = origin.snippetLine(Integer.parseInt(matcher.group(2)));
                replacement = snippetLine >= 1 ? origin.at(snippetLine) : replacement;
            }
            matcher.appendReplacement(renamed, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(renamed);
        return renamed.toString();
    }

    /**
     * A frame of an exception JShell reports, as {@code at NAME (cell [N], line M)}; null when the frame is not in a
     * snippet ({@code fileName} is not {@code #ID}) or the snippet is not known.
     */
    String frame(String methodName, String fileName, int line) {
        if (fileName == null || !fileName.startsWith("#")) {
            return null;
        }
        Origin origin = byId.get(fileName.substring(1));
        if (origin == null || line < 1) {
            return null;
        }
        String place = origin.at(line);
        if (methodName.isEmpty() || methodName.equals("do_it$")) {
            return "at " + place;
        }
        if (methodName.startsWith("lambda$")) {
            return "at a lambda (" + place + ")";
        }
        return "at " + methodName + " (" + place + ")";
    }

    /** The 1-based line of {@code position} in {@code text}. */
    static int lineOf(String text, int position) {
        int line = 1;
        for (int i = 0; i < Math.min(position, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
