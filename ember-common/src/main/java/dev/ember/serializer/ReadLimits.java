package dev.ember.serializer;

import java.io.ObjectInputFilter;
import java.time.Duration;

/**
 * The bounds of reading one Java-serialized object from {@code n} bytes: arrays of at most {@code n} elements and of
 * at most {@value #ARRAY_ELEMENTS_PER_BYTE}{@code n} elements all together (each element takes at least a byte of the
 * stream; hash tables ask for a few slots more than their entries), no more than {@code n} references, graphs at most
 * {@value #MAX_DEPTH} deep, and no object started after the time budget ran out. Anything else goes to the filter
 * given (an explicit one, or the JVM-wide {@code jdk.serialFilter}). One instance per read; it remembers why it
 * refused, for the error.
 *
 * <p>What no filter can bound: the JDK asks a filter before each object, array and reference, not while a class's
 * own {@code readObject} computes. Sets of sets whose hash codes cost exponential time are stopped by the time
 * check (each level is read after the one below it, so the read ends within a small multiple of the budget), but a
 * set holding one list nested with shared references can spend its time in a single {@code hashCode} call. That is
 * why Java serialization is only read from the application's own processes (tasks, results), which authentication
 * proves, and never by the cluster's daemons.
 */
final class ReadLimits implements ObjectInputFilter {
    static final int MAX_DEPTH = 2048;
    static final int ARRAY_ELEMENTS_PER_BYTE = 4;

    private final long maxLength;
    private final long deadlineNanos;
    private final Duration budget;
    private final ObjectInputFilter next;
    private String refusal;
    private long arrayElements;

    ReadLimits(long streamLength, Duration budget, ObjectInputFilter next) {
        this.maxLength = streamLength;
        this.budget = budget;
        this.deadlineNanos = System.nanoTime() + budget.toNanos();
        this.next = next;
    }

    @Override
    public Status checkInput(FilterInfo info) {
        if (info.arrayLength() > maxLength) {
            return refuse("an array of " + info.arrayLength() + " elements in " + maxLength + " bytes");
        }
        if (info.arrayLength() > 0) {
            arrayElements += info.arrayLength();
            if (arrayElements > ARRAY_ELEMENTS_PER_BYTE * maxLength + 1024) {
                return refuse("arrays of " + arrayElements + " elements in all in " + maxLength + " bytes");
            }
        }
        if (info.references() > maxLength) {
            return refuse("more than " + maxLength + " references in " + maxLength + " bytes");
        }
        if (info.depth() > MAX_DEPTH) {
            return refuse("an object graph deeper than " + MAX_DEPTH);
        }
        if (System.nanoTime() - deadlineNanos > 0) {
            return refuse("reading took longer than " + budget.toMillis() + " ms (ember.serializer.java.readBudget)");
        }
        if (next != null) {
            Status status = next.checkInput(info);
            if (status == Status.REJECTED) {
                refusal = "class "
                        + (info.serialClass() == null ? "?" : info.serialClass().getName())
                        + " is refused by the deserialization filter";
            }
            return status;
        }
        return Status.UNDECIDED;
    }

    private Status refuse(String why) {
        refusal = why;
        return Status.REJECTED;
    }

    /** Why the read was refused; null when it was not. */
    String refusal() {
        return refusal;
    }
}
