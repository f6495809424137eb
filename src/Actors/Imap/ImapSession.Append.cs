using Mail.Actors.Mailbox;
using Mail.Actors.Queue;
using Mail.Actors.Storage;
using Mail.Protocols.Imap;

namespace Mail.Actors.Imap;

/// <summary>
/// APPEND (RFC 3501 6.3.11, APPENDUID from RFC 4315). The literal is fsync'd into the blob
/// store before the mailbox records it, exactly like delivered mail, so "OK" means on disk.
/// </summary>
public sealed partial class ImapSession
{
    private void OnAppend(AppendRequest append)
    {
        if (FolderNames.FromWire(append.Mailbox) is not { } folder)
        {
            No("[TRYCREATE] Invalid mailbox name");
            return;
        }
        if (append.Message.Length == 0)
        {
            No("Can't save a zero-byte message");
            return;
        }
        var flags = new List<string>();
        foreach (var flag in append.Flags)
        {
            if (MessageFlags.Canonical(flag) is { } canonical && !flags.Contains(canonical))
                flags.Add(canonical);
        }
        var queueId = QueueId.New();
        var blobId = MessageBlobs.ForMailbox(queueId, 0);
        var internalDate = append.InternalDate ?? DateTimeOffset.Now;
        var mailboxId = _mailboxId!;
        var blobs = Services.Blobs;
        var summaries = Services.Summaries;
        RunAsync(async () =>
        {
            using (var incoming = blobs.Create(queueId))
            {
                incoming.Write(append.Message);
                await incoming.CommitAsync([blobId]);
            }
            var reply = await AskMailbox(new AppendMessage(mailboxId, folder, queueId, blobId, append.Message.Length, internalDate, flags));
            if (reply is not MessageAppendedTo)
                blobs.Delete(blobId);
            else if (summaries is not null)
                await summaries.GetAsync(blobId, append.Message);
            return () =>
            {
                switch (reply)
                {
                    case MessageAppendedTo appended:
                        Ok($"[APPENDUID {appended.UidValidity} {appended.Uid}] Append completed");
                        break;
                    default:
                        RefusedForTarget(reply, folder);
                        break;
                }
            };
        });
    }

    /// <summary>
    /// The answer when the mailbox refused an APPEND, COPY or MOVE into <paramref name="target"/>:
    /// TRYCREATE for a folder that does not exist (RFC 3501 6.3.11, 6.4.7), else the folder error.
    /// </summary>
    private void RefusedForTarget(object reply, string target)
    {
        switch (reply)
        {
            case FolderResult { Error: FolderError.NoSuchFolder }:
                No("[TRYCREATE] Mailbox doesn't exist: " + target);
                break;
            case FolderResult r:
                No(FolderErrorText(r));
                break;
            default:
                No("[SERVERBUG] Unexpected reply");
                break;
        }
    }
}
