package dev.ember.deploy;

import static java.util.Objects.requireNonNull;

/**
 * Work that a timer or a callback posts to an endpoint of its own process, to run on the endpoint's thread, which
 * owns the state the work touches. It never leaves the process: it is in no message set, so no peer can send one.
 *
 * @param what for logs, should the work fail
 */
record EndpointTask(String what, Runnable action) {
    EndpointTask {
        requireNonNull(what, "what is null");
        requireNonNull(action, "action is null");
    }
}
