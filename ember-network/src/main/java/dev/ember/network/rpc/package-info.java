/**
 * The RPC environment of a process: named endpoints, each running on its own thread, and references through
 * which any process sends to them ({@code send}) or asks them ({@code ask}, always with a timeout). Messages are
 * encoded with {@code dev.ember.network.wire} from the message sets each part of the engine registers, never with
 * Java serialization, and decoded off the network threads within a time budget. Built on the transport
 * of {@code dev.ember.network}; the cluster's master, workers, drivers and executors talk through it.
 */
package dev.ember.network.rpc;
