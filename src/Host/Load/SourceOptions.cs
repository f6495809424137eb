namespace Mail.Host.Load;

/// What `maild source` talks: SMTP (smtp-source's job), or a POP3/IMAP reader load.
public enum LoadMode
{
    Smtp,
    Pop3,
    Imap,
}

/// How the connection is protected: plain, STARTTLS (SMTP only) or TLS from the first byte.
public enum LoadSecurity
{
    None,
    StartTls,
    ImplicitTls,
}

/// One mailbox login for the POP3/IMAP modes.
public sealed record LoadUser(string Name, string Password);

/// <summary>
/// Everything one `maild source` run needs, read from the command line by
/// <see cref="SourceCommandLine.Read"/>. The SMTP fields keep smtp-source(1)'s meaning,
/// including its inverted <c>-d</c>: <see cref="KeepConnection"/> is true when -d is given
/// ("don't disconnect after sending a message"), so by default every message gets its own
/// connection, as with smtp-source.
/// </summary>
public sealed record SourceOptions
{
    public LoadMode Mode { get; init; } = LoadMode.Smtp;

    public string Host { get; init; } = "127.0.0.1";

    public int Port { get; init; } = 25;

    /// -s: sessions in parallel.
    public int Sessions { get; init; } = 1;

    /// -m: messages in total (SMTP), or mailbox visits in total (POP3/IMAP).
    public int Messages { get; init; } = 1;

    /// -l: payload bytes after the headers; null sends smtp-source's default short body.
    public int? Size { get; init; }

    /// -M: name in EHLO and in the default sender and recipient.
    public string MyHostname { get; init; } = Environment.MachineName;

    /// -f (default foo@myhostname, as smtp-source).
    public string? From { get; init; }

    /// -t (default foo@myhostname, as smtp-source).
    public string? To { get; init; }

    /// -r: recipients per message.
    public int RecipientsPerMessage { get; init; } = 1;

    /// -N (SMTP): prefix each recipient with a number that never repeats in the run.
    public bool UniqueRecipients { get; init; }

    /// -d: send the next message over the same connection.
    public bool KeepConnection { get; init; }

    /// -c: print a running count as plain lines.
    public bool Counter { get; init; }

    /// -S: a Subject header (smtp-source sends none by default).
    public string? Subject { get; init; }

    public LoadSecurity Security { get; init; } = LoadSecurity.None;

    /// --insecure: accept any server certificate (test setups with self-signed certificates).
    public bool Insecure { get; init; }

    /// --auth user:pass for AUTH PLAIN after EHLO (and after STARTTLS).
    public LoadUser? Auth { get; init; }

    /// Group MAIL, RCPT and DATA in one write when the server offers PIPELINING (RFC 2920);
    /// --no-pipelining waits for each reply like smtp-source does.
    public bool Pipelining { get; init; } = true;

    /// --json: one JSON object on stdout instead of the text summary.
    public bool Json { get; init; }

    /// POP3/IMAP: the mailboxes, visited in turn.
    public IReadOnlyList<LoadUser> Users { get; init; } = [];

    /// POP3/IMAP: delete what was fetched.
    public bool Delete { get; init; }

    /// Longest wait for one reply before the connection counts as failed.
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    public string Sender => From ?? $"foo@{MyHostname}";

    public string Recipient => To ?? $"foo@{MyHostname}";
}
