/**
 * Parquet through parquet-column and parquet-hadoop's format classes, with no Hadoop at run time: footers, pages,
 * codecs and row-group skipping of Ember's own. Nothing of plans or the scheduler.
 */
package dev.ember.sql.sources.parquet;
