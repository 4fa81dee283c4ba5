/**
 * Scheduling: the {@link dev.ember.scheduler.DAGScheduler} turns a job into stages cut at shuffle boundaries and
 * submits the ready ones as task sets; the {@link dev.ember.scheduler.TaskSchedulerImpl} places tasks on the
 * executor slots a {@link dev.ember.scheduler.SchedulerBackend} offers, by locality and scheduling policy, retries
 * failures and speculates stragglers. The DAG scheduler is an event loop: its state belongs to its thread.
 *
 * <p>Depends on executor (tasks), shuffle (map output tracking) and storage (cache locations); never on the
 * user API beyond RDDs.
 */
package dev.ember.scheduler;
