using Mail.Actors.Mailbox;

namespace Mail.Actors.Pop3;

/// Outcome of USER/PASS or AUTH PLAIN, piped back to the session.
internal sealed record LoginResult(string Login, string? MailboxId, object? Maildrop);

/// A message body read for RETR/TOP, already dot-stuffed, ready to send after "+OK".
internal sealed record BodyReady(byte[] Reply);

internal sealed record Pop3Failure(byte[] Reply, bool Close);

internal sealed record UpdateDone(MaildropClosed Closed);
