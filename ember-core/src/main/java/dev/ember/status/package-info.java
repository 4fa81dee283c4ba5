/**
 * What the driver shows about running work: the {@link dev.ember.status.AppStatusStore} (a listener keeping a
 * bounded summary of jobs and stages, behind the status tracker and later the web UI) and the
 * {@link dev.ember.status.ConsoleProgressBar}. Depends only on events.
 */
package dev.ember.status;
