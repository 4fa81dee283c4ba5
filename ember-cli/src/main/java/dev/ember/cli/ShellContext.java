package dev.ember.cli;

import dev.ember.EmberConf;
import dev.ember.EmberContext;

/** Creates the shell's {@code ctx} from the settings the launcher installed. */
public final class ShellContext {
    private ShellContext() {}

    public static EmberContext create() {
        // The shell's snippets declare variables that executors read (ReplClasses).
        dev.ember.util.ReplClasses.registerCallingSnippet();
        EmberConf conf =
                new EmberConf().setIfMissing("ember.master", "local[*]").setIfMissing("ember.app.name", "ember-shell");
        EmberContext context = EmberContext.getOrCreate(conf);
        System.out.println("Ember shell: ctx is an EmberContext on " + context.master() + " (application "
                + context.applicationId() + "). Type /exit to quit.");
        return context;
    }
}
