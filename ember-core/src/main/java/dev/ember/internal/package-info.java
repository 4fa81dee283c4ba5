/**
 * Access for the engine's own packages to what the user API deliberately hides. Nothing here is API: it changes
 * whenever the engine does.
 */
package dev.ember.internal;
