package dev.ember.kernel;

import dev.ember.util.ThreadUtils;
import java.util.function.Consumer;
import jdk.jshell.JShell;

/**
 * Interrupts of the running cell ("interrupt the kernel"): numbers the cells, stops the code of the one running when
 * an interrupt comes, and cancels the Ember jobs of its job group ({@link Bindings#group}).
 *
 * <p>The shell thread calls {@link #startCell}, {@link #cancelIfInterrupted} and {@link #endCell} around each cell;
 * {@link #interrupt} comes from the control thread. {@code cellStart} is held to start a cell, and by the
 * interrupting thread to stop one, so that a stop never reaches the next cell.
 */
@dev.ember.util.AllowedCall("jdk.jshell is the JDK's supported, exported API for evaluating Java snippets")
final class CellInterrupts {
    /**
     * How long an interrupt waits for the cell to end before stopping it again. A stop ends running code within
     * milliseconds; one that came while the cell was still compiling did nothing. Not shorter: a stop that lands
     * while JShell's agent returns from the stopped code would end the interpreter.
     */
    private static final long INTERRUPT_RETRY_MS = 1_000;

    private static final long INTERRUPT_WINDOW_MS = 10_000;

    /** Counts cells; {@link #interrupted} holds the number of the cell an interrupt was asked for. */
    private volatile long cell;

    private volatile long interrupted = -1;
    private volatile boolean running;
    private final Object cellEnded = new Object();
    /** Held to start a cell, and by the interrupting thread to stop one: a stop never reaches the next cell. */
    private final java.util.concurrent.locks.ReentrantLock cellStart = new java.util.concurrent.locks.ReentrantLock();

    /**
     * How long the end of a cell waits for an interrupt's stop under way. A stop of a JVM that does not answer may
     * hang; the cell then ends without the lock rather than never.
     */
    private static final long END_WAIT_MS = 5_000;

    private final Consumer<String> cancelJobGroup;

    /** Interrupts that cancel a cell's job group through {@code cancelJobGroup}. */
    CellInterrupts(Consumer<String> cancelJobGroup) {
        this.cancelJobGroup = cancelJobGroup;
    }

    /** A cell starts running; returns its number. */
    long startCell() {
        long number;
        cellStart.lock();
        try {
            number = ++cell;
            running = true;
        } finally {
            cellStart.unlock();
        }
        return number;
    }

    /**
     * Whether cell {@code number} was interrupted; if so, cancels the jobs it started just before it stopped, in the
     * background too.
     */
    boolean cancelIfInterrupted(long number) {
        if (interrupted != number) {
            return false;
        }
        cancelJobGroup.accept(Bindings.group(number));
        return true;
    }

    /**
     * The running cell ended; an interrupt still trying to stop it gives up. Once this returns, no stop for the cell
     * is under way or will come (the interrupting thread stops only under {@code cellStart}, seeing it running) —
     * unless a stop under way has not returned within {@value #END_WAIT_MS} ms, when the cell ends all the same.
     */
    void endCell() {
        boolean locked = false;
        try {
            locked = cellStart.tryLock(END_WAIT_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            running = false;
        } finally {
            if (locked) {
                cellStart.unlock();
            }
        }
        synchronized (cellEnded) {
            cellEnded.notifyAll();
        }
    }

    /**
     * Stops the running cell, whose code runs in {@code shell}, and cancels its jobs. JShell stops only code already
     * executing, so an interrupt that comes while the cell is still being compiled is repeated, every
     * {@value #INTERRUPT_RETRY_MS} ms for at most {@value #INTERRUPT_WINDOW_MS} ms, until the cell ends. Nothing when
     * no cell runs.
     */
    void interrupt(JShell shell) {
        if (!running) {
            return;
        }
        long number = cell;
        interrupted = number;
        ThreadUtils.newThread("kernel-interrupt", true, () -> {
                    long deadline = System.nanoTime() + INTERRUPT_WINDOW_MS * 1_000_000L;
                    cancelJobGroup.accept(Bindings.group(number));
                    while (System.nanoTime() < deadline) {
                        cellStart.lock();
                        try {
                            if (!running || cell != number) {
                                return;
                            }
                            shell.stop();
                        } catch (IllegalStateException e) {
                            return; // the interpreter ended
                        } finally {
                            cellStart.unlock();
                        }
                        synchronized (cellEnded) {
                            if (running && cell == number) {
                                try {
                                    cellEnded.wait(INTERRUPT_RETRY_MS);
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                    return;
                                }
                            }
                        }
                    }
                })
                .start();
    }
}
