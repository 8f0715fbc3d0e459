package dev.broadsheet.server;

import dev.broadsheet.server.Authorizer.Decision;
import dev.broadsheet.server.Authorizer.Permission;
import java.time.Instant;

/**
 * One request on its way through the API: the request, its decoded parameters, what the caller
 * may do, the moment it is answered at and the {@code Cache-Control} its answers carry.
 */
record Call(ApiRequest request, Params params, Decision decision, Instant now, String cacheControl) {
  boolean preview() {
    return decision.allows(Permission.PREVIEW);
  }

  String base() {
    return request.base();
  }
}
