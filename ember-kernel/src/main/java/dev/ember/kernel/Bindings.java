package dev.ember.kernel;

import dev.ember.EmberConf;
import dev.ember.EmberContext;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The objects bound in the interpreter before the first cell runs: {@code ctx}, the {@link EmberContext}, and those
 * of every {@link Provider} on the class path (the SQL layer binds its session this way). Each binding is a
 * declaration the interpreter evaluates, {@code TYPE NAME = EXPRESSION;}, whose expression runs in the interpreter's
 * JVM; so the context starts when the first cell runs, not when the kernel does.
 */
public final class Bindings {
    /** One declaration: {@code type name = expression;}. */
    public record Binding(String name, String type, String expression) {
        String declaration() {
            return type + " " + name + " = " + expression + ";";
        }
    }

    /** Adds bindings; found with {@link ServiceLoader}. */
    public interface Provider {
        List<Binding> bindings();
    }

    private static EmberContext context;
    private static NotebookProgress progress;

    private Bindings() {}

    /** Imported before the first cell: Ember's API and {@link Notebook}. */
    static final List<String> IMPORTS =
            List.of("import dev.ember.*;", "import dev.ember.kernel.Notebook;", "import dev.ember.kernel.CellComms;");

    /**
     * Marks the start of cell {@code number}: the jobs this thread starts from now on belong to the job group
     * {@code cell-NUMBER}, which an interrupt cancels. Called by the kernel before each cell once {@code ctx} exists.
     */
    public static synchronized void startCell(long number) {
        if (context != null && !context.isStopped()) {
            context.setJobGroup(group(number), "notebook cell " + number, true);
        }
        if (progress != null) {
            progress.startCell();
        }
    }

    /**
     * Marks the end of a cell: its progress bar goes while the cell's output is still open. Called by the kernel after
     * each cell, whatever its outcome.
     */
    public static synchronized void endCell() {
        if (progress != null) {
            progress.endCell();
        }
    }

    /** The job group of cell {@code number}. */
    static String group(long number) {
        return "cell-" + number;
    }

    /** Cancels the jobs of a cell's group, interrupting their tasks (an interrupt of the cell). */
    static void cancelGroup(String group) {
        EmberContext current = context;
        if (current != null && group.startsWith("cell-") && !current.isStopped()) {
            current.cancelJobGroup(group);
        }
    }

    /** Every binding, {@code ctx} first. */
    static List<Binding> all() {
        List<Binding> bindings = new ArrayList<>();
        bindings.add(new Binding("ctx", "dev.ember.EmberContext", "dev.ember.kernel.Bindings.context()"));
        for (Provider provider : ServiceLoader.load(Provider.class, Bindings.class.getClassLoader())) {
            bindings.addAll(provider.bindings());
        }
        return bindings;
    }

    /**
     * The notebook's context, created on first use in the interpreter's JVM from its {@code ember.*} system
     * properties; {@code local[*]} and the application name {@code ember-kernel} unless set.
     */
    public static synchronized EmberContext context() {
        // The cells declare variables that executors read (ReplClasses); a cell's snippet calls this.
        dev.ember.util.ReplClasses.registerCallingSnippet();
        if (context == null) {
            EmberConf conf = new EmberConf(true)
                    .setIfMissing("ember.master", "local[*]")
                    .setIfMissing("ember.app.name", "ember-kernel");
            if (Notebook.inKernel()) {
                // The notebook draws its own progress bar; the console one would scribble on the cell's stderr.
                conf.set("ember.ui.showConsoleProgress", "false");
            }
            context = new EmberContext(conf);
            if (Notebook.inKernel()) {
                progress = NotebookProgress.start(context);
                // Connected now, so that an interrupt can reach this JVM while a cell runs.
                CellComms.connect();
            }
        }
        return context;
    }
}
