package dev.ember.executor;

import dev.ember.RDD;
import java.io.Serializable;

/**
 * What a stage's tasks share, Java-serialized once per stage attempt: the stage's RDD (with its lineage) and what
 * its tasks do with a partition, the shuffle dependency of a map stage or the function of a result stage. A record,
 * so its serial form needs no computed serialVersionUID (an {@code Object[]} would cost a SHA digest at first use).
 */
public record TaskBinary(RDD<?> rdd, Object work) implements Serializable {}
