/**
 * What the driver shows about running work: the {@link dev.ember.status.AppStatusStore} (a listener keeping a
 * bounded summary of jobs and stages, behind the status tracker and later the web UI) and the
 * {@link dev.ember.status.ConsoleProgressBar}. Depends on events and on the scheduler's job-group property name; it
 * also reads the executor's {@code TaskEndReason} from task events and fills in the API's job and stage info; it never
 * depends on storage, shuffle, the RDDs or {@code EmberContext}, which creates it.
 */
package dev.ember.status;
