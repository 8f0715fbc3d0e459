package dev.broadsheet.server;

/** A request refused partway, with the answer to give; cheaper than a stack trace it never shows. */
final class Refused extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Reply reply;

  Refused(Reply reply) {
    super(reply.status() + " " + Problems.title(reply.status()), null, false, false);
    this.reply = reply;
  }

  Reply reply() {
    return reply;
  }
}
