using Mail.Actors.Mailbox;
using Mail.Protocols.Imap;

namespace Mail.Actors.Imap;

/// <summary>
/// QUOTA (RFC 9208): one quota root "" per user covering all folders, with the STORAGE
/// resource in units of 1024 octets. A user without a limit has no quota root.
/// </summary>
public sealed partial class ImapSession
{
    private void OnGetQuotaRoot(GetQuotaRootRequest request)
    {
        if (FolderNames.FromWire(request.Mailbox) is not { } folder)
        {
            No("[NONEXISTENT] Invalid mailbox name");
            return;
        }
        var mailboxId = _mailboxId!;
        RunAsync(async () =>
        {
            var status = await AskMailbox(new GetFolderStatus(mailboxId, folder));
            var quota = await AskMailbox(new GetMailboxStatus(mailboxId)) as MailboxStatus;
            return () =>
            {
                if (status is not FolderInfo)
                {
                    No("[NONEXISTENT] Mailbox doesn't exist: " + folder);
                    return;
                }
                if (quota?.StorageLimit is { } limit)
                {
                    Untagged($"QUOTAROOT {FolderNames.ToWire(folder)} \"\"");
                    Untagged($"QUOTA \"\" (STORAGE {Kilobytes(quota.StorageUsed)} {Kilobytes(limit)})");
                }
                else
                {
                    Untagged($"QUOTAROOT {FolderNames.ToWire(folder)}");
                }
                Ok("Getquotaroot completed");
            };
        });
    }

    private void OnGetQuota(GetQuotaRequest request)
    {
        var mailboxId = _mailboxId!;
        RunAsync(async () =>
        {
            var quota = await AskMailbox(new GetMailboxStatus(mailboxId)) as MailboxStatus;
            return () =>
            {
                if (request.Root.Length != 0 || quota?.StorageLimit is not { } limit)
                {
                    No("[NONEXISTENT] No such quota root");
                    return;
                }
                Untagged($"QUOTA \"\" (STORAGE {Kilobytes(quota.StorageUsed)} {Kilobytes(limit)})");
                Ok("Getquota completed");
            };
        });
    }

    private static long Kilobytes(long octets) => (octets + 1023) / 1024;
}
