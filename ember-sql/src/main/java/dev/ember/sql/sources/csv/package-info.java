/** CSV: reading (RFC 4180, modes, inference) and writing, over the file format contract; nothing of plans or the scheduler. */
package dev.ember.sql.sources.csv;
