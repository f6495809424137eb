using System.Globalization;
using Akka.Actor;
using Mail.Actors.Mailbox;
using Mail.Protocols.Imap;

namespace Mail.Actors.Imap;

/// <summary>
/// Folder commands (RFC 3501 6.3): LIST (with RFC 5258 extended forms, RFC 5819 STATUS and
/// RFC 6154 special-use attributes), LSUB, STATUS, CREATE, DELETE, RENAME, (UN)SUBSCRIBE.
/// The folder list comes from the mailbox actor; matching and formatting happen here.
/// </summary>
public sealed partial class ImapSession
{
    private void OnList(ListRequest list)
    {
        var reference = ModifiedUtf7.TryDecode(list.Reference, out var r) ? r : list.Reference;
        if (list.Patterns.Count == 1 && list.Patterns[0].Length == 0 && list.SelectionOptions.Count == 0)
        {
            // RFC 3501 6.3.8: an empty pattern asks for the delimiter and the root.
            Untagged("LIST (\\Noselect) \"/\" \"\"");
            Ok("List completed");
            return;
        }
        var patterns = list.Patterns
            .Select(p => reference + (ModifiedUtf7.TryDecode(p, out var d) ? d : p))
            .ToArray();
        var subscribedOnly = list.SelectionOptions.Contains("SUBSCRIBED");
        var specialOnly = list.SelectionOptions.Contains("SPECIAL-USE");
        var returnSubscribed = subscribedOnly || list.ReturnOptions.Contains("SUBSCRIBED");
        var mailboxId = _mailboxId!;
        RunAsync(async () =>
        {
            var folders = await AskMailbox(new ListFolders(mailboxId)) as FolderList
                ?? throw new InvalidOperationException("no folder list");
            return () =>
            {
                var subscribed = new HashSet<string>(folders.Subscriptions, StringComparer.Ordinal);
                var byName = folders.Folders.ToDictionary(f => f.Name, StringComparer.Ordinal);
                var names = subscribedOnly ? subscribed.Order(StringComparer.Ordinal) : byName.Keys.Order(StringComparer.Ordinal);
                foreach (var name in names)
                {
                    if (!patterns.Any(p => FolderNames.Matches(p, name)))
                        continue;
                    byName.TryGetValue(name, out var info);
                    if (specialOnly && info?.SpecialUse is null)
                        continue;
                    var attributes = Attributes(name, info, byName.Keys, returnSubscribed && subscribed.Contains(name));
                    Untagged($"LIST ({attributes}) \"/\" {FolderNames.ToWire(name)}");
                    if (list.StatusItems.Count > 0 && info is { NoSelect: false })
                        Untagged($"STATUS {FolderNames.ToWire(name)} ({StatusText(info, list.StatusItems)})");
                }
                Ok("List completed");
            };
        });
    }

    private static string Attributes(string name, FolderInfo? info, IEnumerable<string> all, bool subscribed)
    {
        var attrs = new List<string>();
        if (info is null)
            attrs.Add("\\NonExistent");
        else if (info.NoSelect)
            attrs.Add("\\Noselect");
        if (info is not null)
        {
            var prefix = name + FolderName.Delimiter;
            attrs.Add(all.Any(n => n.StartsWith(prefix, StringComparison.Ordinal)) ? "\\HasChildren" : "\\HasNoChildren");
        }
        if (subscribed)
            attrs.Add("\\Subscribed");
        if (info?.SpecialUse is { } use)
            attrs.Add(use);
        return string.Join(' ', attrs);
    }

    private void OnLsub(LsubRequest lsub)
    {
        var reference = ModifiedUtf7.TryDecode(lsub.Reference, out var r) ? r : lsub.Reference;
        var pattern = reference + (ModifiedUtf7.TryDecode(lsub.Pattern, out var p) ? p : lsub.Pattern);
        var mailboxId = _mailboxId!;
        RunAsync(async () =>
        {
            var folders = await AskMailbox(new ListFolders(mailboxId)) as FolderList
                ?? throw new InvalidOperationException("no folder list");
            return () =>
            {
                var existing = folders.Folders.ToDictionary(f => f.Name, StringComparer.Ordinal);
                foreach (var name in folders.Subscriptions.Order(StringComparer.Ordinal))
                {
                    if (!FolderNames.Matches(pattern, name))
                        continue;
                    var noselect = !existing.TryGetValue(name, out var info) || info.NoSelect;
                    Untagged($"LSUB ({(noselect ? "\\Noselect" : "")}) \"/\" {FolderNames.ToWire(name)}");
                }
                Ok("Lsub completed");
            };
        });
    }

    private void OnStatus(StatusRequest status)
    {
        if (FolderNames.FromWire(status.Mailbox) is not { } name)
        {
            No("[NONEXISTENT] Invalid mailbox name");
            return;
        }
        var mailboxId = _mailboxId!;
        RunAsync(async () =>
        {
            var reply = await AskMailbox(new GetFolderStatus(mailboxId, name));
            return () =>
            {
                if (reply is not FolderInfo { NoSelect: false } info)
                {
                    No("[NONEXISTENT] Mailbox doesn't exist: " + name);
                    return;
                }
                Untagged($"STATUS {FolderNames.ToWire(name)} ({StatusText(info, status.Items)})");
                Ok("Status completed");
            };
        });
    }

    private string StatusText(FolderInfo info, IReadOnlyList<StatusItem> items)
    {
        var parts = items.Select(item => item switch
        {
            StatusItem.Messages => $"MESSAGES {info.Messages}",
            StatusItem.Recent => $"RECENT {info.Recent}",
            StatusItem.UidNext => $"UIDNEXT {info.UidNext}",
            StatusItem.UidValidity => $"UIDVALIDITY {info.UidValidity}",
            StatusItem.Unseen => $"UNSEEN {info.Unseen}",
            StatusItem.HighestModSeq => $"HIGHESTMODSEQ {info.HighestModSeq}",
            StatusItem.Size => $"SIZE {info.Size.ToString(CultureInfo.InvariantCulture)}",
            _ => "",
        });
        return string.Join(' ', parts.Where(p => p.Length > 0));
    }

    private void OnCreate(CreateRequest create)
    {
        if (FolderNames.FromWire(create.Mailbox) is not { } name)
        {
            No("[CANNOT] Invalid mailbox name");
            return;
        }
        if (name == "INBOX")
        {
            No("[ALREADYEXISTS] INBOX always exists");
            return;
        }
        var use = create.SpecialUse.FirstOrDefault();
        FolderCommand(new CreateFolder(_mailboxId!, name, use), "Create completed");
    }

    private void OnDelete(DeleteRequest delete)
    {
        if (FolderNames.FromWire(delete.Mailbox) is not { } name)
        {
            No("[NONEXISTENT] Invalid mailbox name");
            return;
        }
        if (_selected?.Folder == name)
        {
            // Dovecot's answer too: deleting the selected folder would pull it from under us.
            No("[INUSE] Can't delete the selected mailbox");
            return;
        }
        FolderCommand(new DeleteFolder(_mailboxId!, name), "Delete completed");
    }

    private void OnRename(RenameRequest rename)
    {
        if (FolderNames.FromWire(rename.From) is not { } from || FolderNames.FromWire(rename.To) is not { } to)
        {
            No("[CANNOT] Invalid mailbox name");
            return;
        }
        FolderCommand(new RenameFolder(_mailboxId!, from, to), "Rename completed");
    }

    private void OnSubscribe(string mailbox, bool subscribe)
    {
        if (FolderNames.FromWire(mailbox) is not { } name)
        {
            No("[CANNOT] Invalid mailbox name");
            return;
        }
        FolderCommand(new SetSubscription(_mailboxId!, name, subscribe), subscribe ? "Subscribe completed" : "Unsubscribe completed");
    }

    private void FolderCommand(object command, string okText)
    {
        RunAsync(async () =>
        {
            var reply = await AskMailbox(command);
            return () =>
            {
                if (reply is FolderResult { Ok: true })
                    Ok(okText);
                else
                    No(FolderErrorText(reply as FolderResult));
            };
        });
    }

    private static string FolderErrorText(FolderResult? result) => result?.Error switch
    {
        FolderError.NoSuchFolder => "[NONEXISTENT] Mailbox doesn't exist",
        FolderError.AlreadyExists => "[ALREADYEXISTS] Mailbox already exists",
        FolderError.HasChildren => "[INUSE] Mailbox has children, delete them first",
        FolderError.OverQuota => "[OVERQUOTA] Quota exceeded",
        FolderError.NotAllowed => "[CANNOT] " + (result.Detail ?? "Not allowed"),
        _ => "[CANNOT] " + (result?.Detail ?? "Invalid mailbox name"),
    };
}
