using System.Globalization;
using Akka.Actor;
using Akka.Event;
using Mail.Actors.Mailbox;
using Mail.Protocols.Pop3;

namespace Mail.Actors.Pop3;

public sealed partial class Pop3Session
{
    private void HandleTransaction(IPop3Command command)
    {
        var drop = _maildrop!;
        switch (command)
        {
            case Stat:
                var stat = drop.Stat();
                Send(Pop3Reply.Ok($"{stat.Count} {stat.Octets}"));
                break;
            case List { Message: null }:
                var all = drop.Stat();
                Send(Pop3Reply.MultiLine($"{all.Count} messages ({all.Octets} octets)", drop.List().Select(l => l.ToString())));
                break;
            case List { Message: { } n }:
                SendResult(drop.List(n), l => l.ToString());
                break;
            case Uidl { Message: null }:
                Send(Pop3Reply.MultiLine("", drop.Uidl().Select(u => u.ToString())));
                break;
            case Uidl { Message: { } n }:
                SendResult(drop.Uidl(n), u => u.ToString());
                break;
            case Dele dele:
                SendResult(drop.Delete(dele.Message), _ => "Marked to be deleted.");
                break;
            case Rset:
                var reset = drop.Reset();
                Send(Pop3Reply.Ok($"{reset.Count} messages ({reset.Octets} octets)"));
                break;
            case Noop:
                Send(Pop3Reply.Ok(""));
                break;
            case Retr retr:
                SendMessage(retr.Message, bodyLines: null);
                break;
            case Top top:
                SendMessage(top.Message, top.Lines);
                break;
        }
    }

    private void SendResult<T>(MaildropResult<T> result, Func<T, string> ok) =>
        Send(result.Error is null ? Pop3Reply.Ok(ok(result.Value!)) : Pop3Reply.Err(result.Error));

    /// RETR and TOP: the body is read off the actor's thread and comes back dot-stuffed.
    private void SendMessage(int number, int? bodyLines)
    {
        var found = _maildrop!.Get(number);
        if (found.Error is not null)
        {
            Send(Pop3Reply.Err(found.Error));
            return;
        }
        Busy = true;
        var message = found.Value!;
        var blobId = _blobIds[message.Uid];
        ReadStuffed(blobId, message.Size, bodyLines).PipeTo(Self,
            failure: e =>
            {
                Log.Error(e, "pop3 user=<{0}>: body {1} unreadable", _mailboxId!, blobId);
                // A body that is gone (expunged by another session, or lost) will not come back:
                // SYS/PERM, so the client stops asking. Anything else (I/O, a busy disk) may pass.
                return new Pop3Failure(e.GetBaseException() is FileNotFoundException or DirectoryNotFoundException
                    ? Pop3Reply.Err("Message no longer available.", Pop3ResponseCode.SysPerm)
                    : Pop3Reply.Err("Message unavailable, try again later.", Pop3ResponseCode.SysTemp), Close: false);
            });
    }

    private async Task<BodyReady> ReadStuffed(string blobId, long size, int? bodyLines)
    {
        var bytes = await Services.Blobs.ReadAllAsync(blobId);
        var stuffed = bodyLines is { } n ? DotStuffing.Top(bytes, n) : DotStuffing.Stuff(bytes);
        var status = Pop3Reply.Ok(bodyLines is null ? $"{size.ToString(CultureInfo.InvariantCulture)} octets" : "");
        var reply = new byte[status.Length + stuffed.Length];
        status.CopyTo(reply, 0);
        stuffed.CopyTo(reply, status.Length);
        return new BodyReady(reply);
    }

    private void OnQuit()
    {
        Busy = true;
        _state = Pop3State.Update;
        var deleted = _maildrop!.DeletedUids;
        Services.Mailboxes.Ask<MaildropClosed>(new CloseMaildrop(_mailboxId!, Self, deleted), _settings.MailboxTimeout)
            .PipeTo(Self,
                success: closed => new UpdateDone(closed),
                failure: e =>
                {
                    Log.Error(e, "pop3 user=<{0}>: deletions not committed", _mailboxId!);
                    return new Pop3Failure(Pop3Reply.Err("Some deleted messages were not removed.", Pop3ResponseCode.SysTemp), Close: true);
                });
    }
}
