namespace Mail.Integration.Tests.Harness;

/// <summary>How a test wants its maild: extra HOCON for the --config file, extra environment.</summary>
public sealed record MaildOptions
{
    /// Layered into the --config file after <see cref="BaseConfig"/>.
    public string Config { get; init; } = "";

    /// Extra or overriding environment variables (MAILD_*); "{smtp}", "{pop3}", "{management}", "{submission}", "{smtps}"
    /// in a value are replaced by the ports picked for the server.
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// A fixed SMTP port instead of a free one picked at start, for a server that others must
    /// know before it runs (the "remote" MX of the outbound tests, started late on purpose).
    public int? SmtpPort { get; init; }

    /// Users (address, password) added with the CLI before the server first starts, so that no
    /// client can reach the server before they exist.
    public IReadOnlyList<(string Address, string Password)> Users { get; init; } = [];

    /// <summary>
    /// A failed POP3 login waits 2 s by default; tests would spend most of their time there.
    /// Test clients connect from loopback, which the shipped mynetworks trusts for relaying;
    /// test servers trust nobody unless a test says so (MAILD_MYNETWORKS), so that a stray
    /// remote recipient is refused instead of being queued for a DNS lookup.
    /// </summary>
    public const string BaseConfig = "maild.pop3.auth-failure-delay = 100ms\nmaild.mynetworks = []\n";

    public const string Hostname = "mx.example.test";

    public const string Domain = "example.test";
}
