package dev.broadsheet.server;

import java.util.List;

/**
 * A request refused as a whole before it reached the repository: each bad parameter with the
 * reason, as the problem document's {@code invalid-params} lists them.
 */
final class BadRequest extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** One refused parameter: its name as the client spelled it, and why. */
  record InvalidParam(String name, String reason) {}

  private final transient List<InvalidParam> params;

  BadRequest(List<InvalidParam> params) {
    super(params.isEmpty() ? "bad request" : params.get(0).name() + ": " + params.get(0).reason(), null, false, false);
    this.params = List.copyOf(params);
  }

  static BadRequest of(String name, String reason) {
    return new BadRequest(List.of(new InvalidParam(name, reason)));
  }

  List<InvalidParam> params() {
    return params;
  }
}
