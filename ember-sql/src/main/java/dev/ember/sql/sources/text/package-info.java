/** Text: one string column per line (or per file); nothing of plans or the scheduler. */
package dev.ember.sql.sources.text;
