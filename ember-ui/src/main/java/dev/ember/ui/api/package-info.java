/**
 * The REST API's answers ({@code /api/v1/...}) as records whose names and fields follow Apache Spark's monitoring
 * API, so that tools written for it read Ember's unchanged, and the router that serves them as JSON. The pages show
 * the same records. Reads the status store only; nothing here touches the scheduler, the context or the network
 * beyond the HTTP request it answers.
 */
package dev.ember.ui.api;
