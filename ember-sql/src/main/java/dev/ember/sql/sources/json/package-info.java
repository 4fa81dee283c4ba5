/** JSON lines: reading with inference of nested types, and writing, over the file format contract; nothing of plans or the scheduler. */
package dev.ember.sql.sources.json;
