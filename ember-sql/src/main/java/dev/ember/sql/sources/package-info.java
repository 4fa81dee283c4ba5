/**
 * Data sources: the {@link dev.ember.sql.sources.FileFormat} contract and, in sub-packages, the formats (CSV, JSON,
 * text, Parquet), with file listing and partition discovery. Formats read into and write from column batches; they
 * know nothing of plans or of the scheduler.
 */
package dev.ember.sql.sources;
