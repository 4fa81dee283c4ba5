package dev.ember.events;

import java.io.Serializable;

/** A named accumulator as a stage shows it: its id, name and value on the driver after the stage's latest task. */
public record AccumulableInfo(long id, String name, String value) implements Serializable {}
