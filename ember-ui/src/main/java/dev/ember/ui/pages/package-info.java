/**
 * The UI's pages: plain HTML built on the server from the status store's records, every value from the application
 * (names, descriptions, settings, errors) escaped; a stylesheet and a small script served from the jar (no asset
 * from the network) refresh the page's content in place and sort tables. The pictures (job and stage graphs, the
 * timeline) are SVG drawn here. Reads the store and the API's records only; nothing here changes the application
 * or depends on the scheduler, the context or the network.
 */
package dev.ember.ui.pages;
