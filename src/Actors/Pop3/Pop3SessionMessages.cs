using Mail.Actors.Mailbox;

namespace Mail.Actors.Pop3;

/// Outcome of USER/PASS or AUTH PLAIN, piped back to the session.
internal sealed record LoginResult(string Login, string? MailboxId, object? Maildrop);

/// A message body read for RETR/TOP, already dot-stuffed, ready to send after "+OK".
internal sealed record BodyReady(byte[] Reply);

internal sealed record Pop3Failure(byte[] Reply, bool Close);

internal sealed record UpdateDone(MaildropClosed Closed);

/// <summary>
/// Timer tick: tell the mailbox we are still here (<see cref="KeepMaildrop"/>). It must not count
/// as activity, or a client idle in TRANSACTION would never reach pop3.timeout.
/// </summary>
internal sealed class KeepMaildropTick : Akka.Actor.INotInfluenceReceiveTimeout
{
    public static readonly KeepMaildropTick Instance = new();

    private KeepMaildropTick() { }
}
