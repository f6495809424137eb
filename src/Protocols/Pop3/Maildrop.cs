namespace Mail.Protocols.Pop3;

/// <summary>
/// The pure state of one POP3 TRANSACTION: the messages listed at login, numbered 1..n in the
/// given order, and which of them are marked deleted. Numbers never change during the session
/// (RFC 1939 section 5), new mail is not seen until the next login, and nothing is removed
/// until QUIT, when the session commits <see cref="DeletedUids"/>.
/// </summary>
public sealed class Maildrop
{
    public const string NoSuchMessage = "no such message";

    private readonly MaildropMessage[] _messages;
    private readonly bool[] _deleted;

    public Maildrop(IEnumerable<MaildropMessage> messages)
    {
        _messages = [.. messages];
        _deleted = new bool[_messages.Length];
        foreach (var message in _messages)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(message.Size);
            // RFC 1939 section 7: unique-id = 1*70 characters in 0x21..0x7E. A bad one would break the UIDL line.
            if (message.UniqueId.Length is < 1 or > 70 || message.UniqueId.Any(c => c is < '!' or > '~'))
                throw new ArgumentException($"Invalid UIDL string for UID {message.Uid}.", nameof(messages));
        }
    }

    /// <summary>How many messages the session started with, deleted ones included (the highest valid number).</summary>
    public int Count => _messages.Length;

    /// <summary>Store UIDs of the messages marked deleted, in message-number order, for the commit at QUIT.</summary>
    public IReadOnlyList<long> DeletedUids => [.. Numbers().Where(IsDeleted).Select(n => _messages[n - 1].Uid)];

    /// <summary>STAT: count and octets of the messages not marked deleted.</summary>
    public MaildropStat Stat()
    {
        var live = Numbers().Where(n => !IsDeleted(n)).ToList();
        return new MaildropStat(live.Count, live.Sum(n => _messages[n - 1].Size));
    }

    /// <summary>LIST without argument: every message not marked deleted.</summary>
    public IReadOnlyList<ScanListing> List() =>
        [.. Numbers().Where(n => !IsDeleted(n)).Select(n => new ScanListing(n, _messages[n - 1].Size))];

    /// <summary>LIST msg.</summary>
    public MaildropResult<ScanListing> List(int message)
    {
        var error = Check(message);
        return error is null
            ? MaildropResult<ScanListing>.Ok(new ScanListing(message, _messages[message - 1].Size))
            : MaildropResult<ScanListing>.Fail(error);
    }

    /// <summary>UIDL without argument: every message not marked deleted.</summary>
    public IReadOnlyList<UniqueIdListing> Uidl() =>
        [.. Numbers().Where(n => !IsDeleted(n)).Select(n => new UniqueIdListing(n, _messages[n - 1].UniqueId))];

    /// <summary>UIDL msg.</summary>
    public MaildropResult<UniqueIdListing> Uidl(int message)
    {
        var error = Check(message);
        return error is null
            ? MaildropResult<UniqueIdListing>.Ok(new UniqueIdListing(message, _messages[message - 1].UniqueId))
            : MaildropResult<UniqueIdListing>.Fail(error);
    }

    /// <summary>RETR and TOP: the message to fetch from the store.</summary>
    public MaildropResult<MaildropMessage> Get(int message)
    {
        var error = Check(message);
        return error is null ? MaildropResult<MaildropMessage>.Ok(_messages[message - 1]) : MaildropResult<MaildropMessage>.Fail(error);
    }

    /// <summary>DELE: marks the message; it disappears from STAT/LIST/UIDL but keeps its number.</summary>
    public MaildropResult<MaildropMessage> Delete(int message)
    {
        var result = Get(message);
        if (result.IsOk)
            _deleted[message - 1] = true;
        return result;
    }

    /// <summary>RSET: unmarks every message; returns the maildrop size for "+OK maildrop has N messages (M octets)".</summary>
    public MaildropStat Reset()
    {
        Array.Clear(_deleted);
        return Stat();
    }

    /// <summary>Whether the message is marked deleted; false for numbers that do not exist.</summary>
    public bool IsDeleted(int message) => Exists(message) && _deleted[message - 1];

    private bool Exists(int message) => message >= 1 && message <= _messages.Length;

    private string? Check(int message) =>
        !Exists(message) ? NoSuchMessage
        : _deleted[message - 1] ? $"message {message} already deleted"
        : null;

    private IEnumerable<int> Numbers() => Enumerable.Range(1, _messages.Length);
}
