/**
 * The gateway's HTTP and WebSocket server, on Netty: one {@link io.floorgate.api.ApiServer} whose
 * initializer lists the whole pipeline (HTTP codec, aggregator, WebSocket protocol handler, the
 * alarm stream, the router). Endpoints are routes on a {@link io.floorgate.api.Router}, so a new
 * one (metrics, health, a status page) is a route added in the composition root, not a change to
 * the server.
 */
@NullMarked
package io.floorgate.api;

import org.jspecify.annotations.NullMarked;
