/**
 * The RPC environment of a process: named endpoints, each running on its own thread, and references through
 * which any process sends to them ({@code send}) or asks them ({@code ask}, always with a timeout). Messages are
 * Java-serialized objects checked against an allow-list before they are instantiated. Built on the transport
 * of {@code dev.ember.network}; the cluster's master, workers, drivers and executors talk through it.
 */
package dev.ember.network.rpc;
