/**
 * A small HTTP/1.1 server on Netty for the web pages and JSON APIs of Ember's processes: the application UI, the
 * history server and the master's page. {@link dev.ember.network.http.HttpServer} bounds every request in size and
 * time and builds answers on its own threads, never on the event loop; a {@link dev.ember.network.http.HttpHandler}
 * turns one {@link dev.ember.network.http.HttpRequest} into one {@link dev.ember.network.http.HttpResponse}. Depends
 * on Netty's HTTP codec and ember-common only; never on the RPC layer or the engine.
 */
package dev.ember.network.http;
