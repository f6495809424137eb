using Akka.Configuration;
using Mail.Actors.Pop3;
using Mail.Actors.Smtp;

namespace Mail.Host.Configuration;

/// <summary>
/// The typed, validated `maild` block. Everything the server needs is read and checked here,
/// once, so that a bad value stops the start with one line naming the setting.
/// </summary>
public sealed record MaildSettings(
    string Hostname,
    IReadOnlyList<string> Domains,
    string DataDir,
    IReadOnlyList<Cidr> MyNetworks,
    TimeSpan ShutdownGrace,
    IReadOnlyList<ListenAddress> SmtpListen,
    SmtpSettings Smtp,
    IReadOnlyList<ListenAddress> Pop3Listen,
    Pop3Settings Pop3,
    TimeSpan MailboxPassivateAfter,
    int MailboxShards,
    Mail.Host.Management.ManagementSettings Management)
{
    /// Message submission with STARTTLS (`maild.smtp.submission-listen`, port 587).
    public IReadOnlyList<ListenAddress> SubmissionListen { get; init; } = [];

    /// Message submission over implicit TLS (`maild.smtp.smtps-listen`, port 465).
    public IReadOnlyList<ListenAddress> SmtpsListen { get; init; } = [];

    /// IMAP with STARTTLS (`maild.imap.listen`, port 143) and over implicit TLS (`maild.imap.imaps-listen`, 993).
    public IReadOnlyList<ListenAddress> ImapListen { get; init; } = [];

    public IReadOnlyList<ListenAddress> ImapsListen { get; init; } = [];

    public Mail.Actors.Imap.ImapSettings Imap { get; init; } = Mail.Actors.Imap.ImapSettings.Defaults("localhost");

    /// Connections per IMAP listener in total, and per client address.
    public (int Total, int PerClient) ImapConnectionLimits { get; init; } = (2000, 50);

    /// Storage per mailbox in octets (`maild.mailbox.quota`); null is unlimited.
    public long? MailboxQuota { get; init; }

    /// POP3 over implicit TLS (`maild.pop3.pop3s-listen`, port 995).
    public IReadOnlyList<ListenAddress> Pop3sListen { get; init; } = [];

    /// Connections per POP3 listener in total, and per client address (mynetworks exempt).
    public (int Total, int PerClient) Pop3ConnectionLimits { get; init; } = (1000, 20);

    /// The server certificate (`maild.tls`).
    public TlsSettings Tls { get; init; } = TlsSettings.Defaults;

    /// Connections per SMTP listener in total, and per client address (mynetworks exempt).
    public (int Total, int PerClient) SmtpConnectionLimits { get; init; } = (2000, 50);

    /// The outbound queue (`maild.queue`).
    public Mail.Actors.Queue.QueueSettings Queue { get; init; } = Mail.Actors.Queue.QueueSettings.Defaults;

    /// The outbound SMTP client (`maild.delivery`).
    public Mail.Actors.Delivery.Remote.RemoteDeliverySettings Delivery { get; init; } = Mail.Actors.Delivery.Remote.RemoteDeliverySettings.Defaults("localhost");

    /// Postmaster/abuse default and alias expansion limits (`maild.postmaster`).
    public Mail.Actors.Directory.AliasPolicy Aliases { get; init; } = new("", "");

    /// Where the journal, snapshots and directory live (`maild.database`).
    public DatabaseSettings Database { get; init; } = DatabaseSettings.Sqlite;

    /// Remoting address, seed nodes, roles, split brain resolver (`maild.cluster`).
    public ClusterSettings Cluster { get; init; } = new("127.0.0.1", 0, "", [], ["mail"], TimeSpan.FromSeconds(20));

    /// Message bodies (blobs.db, blobs/) and the incoming spool (spool/): `maild.mail-dir`, by default the
    /// data folder. In a cluster, a folder every node shares.
    public string MailDir { get => _mailDir ?? DataDir; init => _mailDir = value; }

    private readonly string? _mailDir;

    /// Whether a new body's folder is fsync'd too, not only the body (`maild.fsync-folders`).
    public bool FsyncFolders { get; init; }

    /// <summary>
    /// Bodies up to this many bytes are kept as rows of blobs.db (group-committed) instead of
    /// files, on a node with its own SQLite database (`maild.blob-database-limit`); 0 keeps
    /// every body a file. Clusters keep files: their nodes share the mail folder, not a SQLite file.
    /// </summary>
    public int BlobDatabaseLimit { get; init; }

    public bool SmallBodiesInDatabase => BlobDatabaseLimit > 0 && !Database.IsShared && !Cluster.IsMultiNode;

    public string BlobDatabase => Path.Combine(MailDir, "blobs.db");

    /// This node's spool: bodies being received, not yet acknowledged. Each node of a cluster has
    /// its own under the shared mail folder (same file system, so a finished body is renamed, not copied),
    /// and cleans only its own at start.
    public string SpoolDir => Cluster.IsMultiNode
        ? Path.Combine(MailDir, "spool", Cluster.NodeName)
        : Path.Combine(MailDir, "spool");

    public string DirectoryDatabase => Path.Combine(DataDir, "directory.db");

    public string JournalDatabase => Path.Combine(DataDir, "journal.db");

    public static MaildSettings From(Config config)
    {
        var c = config.GetConfig("maild");
        var hostname = c.GetString("hostname");
        if (string.IsNullOrWhiteSpace(hostname))
            hostname = System.Net.Dns.GetHostName();
        hostname = hostname.Trim().ToLowerInvariant();
        var domains = c.GetStringList("domains").Select(d => d.Trim().ToLowerInvariant()).Where(d => d.Length > 0).ToList();
        if (domains.Count == 0)
            domains.Add(hostname);

        var myNetworks = c.GetStringList("mynetworks").Select(n => Cidr.Parse(n, "maild.mynetworks")).ToArray();
        var smtp = new SmtpSettings(
            hostname,
            ConfigValues.Positive(c, "smtp.message-size-limit"),
            (int)ConfigValues.Positive(c, "smtp.recipient-limit"),
            ConfigValues.Duration(c, "smtp.timeout"),
            (int)ConfigValues.Positive(c, "smtp.hard-error-limit"),
            ConfigValues.Duration(c, "smtp.commit-timeout"))
        {
            IsTrustedClient = ip => myNetworks.Any(n => n.Contains(ip)),
            PlaintextAuth = Plaintext(c, "smtp.plaintext-auth"),
            AuthFailureDelay = c.GetTimeSpan("smtp.auth-failure-delay"),
            AuthFailureLimit = (int)ConfigValues.Positive(c, "smtp.auth-failure-limit"),
            RejectSenderLoginMismatch = c.GetBoolean("smtp.reject-sender-login-mismatch"),
            OptionalRestrictions = [.. c.GetStringList("smtp.restrictions").Select(name => SmtpRestrictions.TryParse(name, out var r)
                ? r
                : throw new ConfigException($"maild.smtp.restrictions: '{name}' is not one of {string.Join(", ", Enum.GetValues<SmtpRestriction>().Select(SmtpRestrictions.Name))}"))],
            BareLinefeeds = c.GetString("smtp.bare-linefeeds") switch
            {
                "normalize" => Mail.Protocols.Smtp.BareLinefeedPolicy.Normalize,
                "reject" => Mail.Protocols.Smtp.BareLinefeedPolicy.Reject,
                "allow" => Mail.Protocols.Smtp.BareLinefeedPolicy.Allow,
                var other => throw new ConfigException($"maild.smtp.bare-linefeeds: '{other}' is not normalize, reject or allow"),
            },
            Chunking = c.GetBoolean("smtp.chunking"),
            SmtpUtf8 = c.GetBoolean("smtp.smtputf8"),
            SubmissionRequiresAuth = c.GetBoolean("smtp.submission-requires-auth"),
            MaxCommandLine = AtLeast(c, "smtp.max-command-line", 512),
            MaxTextLine = AtLeast(c, "smtp.max-text-line", 1000),
            RejectLongTextLines = c.GetString("smtp.long-lines") switch
            {
                "accept" => false,
                "reject" => true,
                var other => throw new ConfigException($"maild.smtp.long-lines: '{other}' is not accept or reject"),
            },
            GreetWait = c.GetTimeSpan("smtp.greet-wait"),
            GreetAction = c.GetString("smtp.greet-action") switch
            {
                "ignore" => PregreetAction.Ignore,
                "enforce" => PregreetAction.Enforce,
                "drop" => PregreetAction.Drop,
                var other => throw new ConfigException($"maild.smtp.greet-action: '{other}' is not ignore, enforce or drop"),
            },
        };
        var pop3 = new Pop3Settings(
            hostname,
            Plaintext(c, "pop3.plaintext-auth"),
            ConfigValues.Duration(c, "pop3.timeout"),
            c.GetTimeSpan("pop3.auth-failure-delay"),
            ConfigValues.Duration(c, "mailbox.request-timeout"));

        // The default follows the first domain; a bad domain is reported as such when it is seeded.
        var postmaster = c.GetString("postmaster")?.Trim() ?? "";
        string postmasterAddress;
        if (postmaster.Length == 0)
            postmasterAddress = "postmaster@" + domains[0];
        else if (!Mail.Host.Directory.AddressSyntax.TryNormalizeAddress(postmaster, out postmasterAddress, out var postmasterError))
            throw new ConfigException($"maild.postmaster: '{postmaster}' is not an address: {postmasterError}");

        var database = DatabaseSettings.From(c);
        var cluster = ClusterSettings.From(c);
        if (cluster.IsMultiNode && !database.IsShared)
            throw new ConfigException("maild.cluster.seed-nodes: the nodes of a cluster must share a database; set maild.database.provider to postgresql or mysql");
        var dataDir = Path.GetFullPath(c.GetString("data-dir"));
        var mailDir = c.GetString("mail-dir")?.Trim() is { Length: > 0 } m ? Path.GetFullPath(m) : dataDir;

        return new MaildSettings(
            hostname,
            domains,
            dataDir,
            myNetworks,
            ConfigValues.Duration(c, "shutdown-grace-period"),
            c.GetStringList("smtp.listen").Select(a => ListenAddress.Parse(a, "maild.smtp.listen")).ToArray(),
            smtp,
            c.GetStringList("pop3.listen").Select(a => ListenAddress.Parse(a, "maild.pop3.listen")).ToArray(),
            pop3,
            ConfigValues.Duration(c, "mailbox.passivate-after"),
            (int)ConfigValues.Positive(c, "mailbox.shards"),
            Mail.Host.Management.ManagementSettings.From(c))
        {
            SubmissionListen = c.GetStringList("smtp.submission-listen").Select(a => ListenAddress.Parse(a, "maild.smtp.submission-listen")).ToArray(),
            SmtpsListen = c.GetStringList("smtp.smtps-listen").Select(a => ListenAddress.Parse(a, "maild.smtp.smtps-listen")).ToArray(),
            Pop3sListen = c.GetStringList("pop3.pop3s-listen").Select(a => ListenAddress.Parse(a, "maild.pop3.pop3s-listen")).ToArray(),
            Pop3ConnectionLimits = ((int)ConfigValues.Positive(c, "pop3.connection-limit"), (int)ConfigValues.Positive(c, "pop3.client-connection-limit")),
            Tls = TlsSettings.From(c),
            Queue = OutboundConfig.Queue(c),
            SmtpConnectionLimits = ((int)ConfigValues.Positive(c, "smtp.connection-limit"), (int)ConfigValues.Positive(c, "smtp.client-connection-limit")),
            Delivery = OutboundConfig.Delivery(c, hostname),
            Aliases = new Mail.Actors.Directory.AliasPolicy(postmasterAddress, hostname),
            ImapListen = c.GetStringList("imap.listen").Select(a => ListenAddress.Parse(a, "maild.imap.listen")).ToArray(),
            ImapsListen = c.GetStringList("imap.imaps-listen").Select(a => ListenAddress.Parse(a, "maild.imap.imaps-listen")).ToArray(),
            Imap = new Mail.Actors.Imap.ImapSettings(
                hostname,
                Plaintext(c, "imap.plaintext-auth"),
                ConfigValues.Duration(c, "imap.timeout"),
                c.GetTimeSpan("imap.auth-failure-delay"),
                ConfigValues.Duration(c, "mailbox.request-timeout"),
                smtp.MaxMessageSize),
            ImapConnectionLimits = ((int)ConfigValues.Positive(c, "imap.connection-limit"), (int)ConfigValues.Positive(c, "imap.client-connection-limit")),
            MailboxQuota = c.GetByteSize("mailbox.quota") is { } quota && quota > 0 ? quota : null,
            Database = database,
            Cluster = cluster,
            MailDir = mailDir,
            FsyncFolders = c.GetBoolean("fsync-folders"),
            BlobDatabaseLimit = BlobLimit(c),
        };
    }

    private static int BlobLimit(Config c)
    {
        var limit = c.GetByteSize("blob-database-limit") ?? 0;
        return limit is >= 0 and <= 16 * 1024 * 1024
            ? (int)limit
            : throw new ConfigException($"maild.blob-database-limit must be between 0 and 16m, not {limit}");
    }

    /// RFC 5321 4.5.3.1 sets the smallest limits a server may have; below them, mail that every
    /// other server takes would bounce here.
    private static int AtLeast(Config c, string key, int minimum)
    {
        var value = ConfigValues.Positive(c, key);
        return value is >= 0 and <= int.MaxValue && value >= minimum
            ? (int)value
            : throw new ConfigException($"maild.{key}: {value} is below {minimum}, the least RFC 5321 allows");
    }

    private static PlaintextAuth Plaintext(Config c, string key) => c.GetString(key) switch
    {
        "never" => PlaintextAuth.Never,
        "loopback" => PlaintextAuth.Loopback,
        "always" => PlaintextAuth.Always,
        var other => throw new ConfigException($"maild.{key}: '{other}' is not never, loopback or always"),
    };
}
