using Mail.Integration.Tests.Harness;
using MailKit.Net.Pop3;
using MailKit.Security;

namespace Mail.Integration.Tests.Pop3;

/// <summary>
/// One maild for a POP3 test class where plaintext login is refused even from loopback
/// (<c>pop3.plaintext-auth = never</c>), so every login has to go through STLS or the pop3s
/// port, as for a client on the internet. Mail for a test's own user arrives over SMTP.
/// </summary>
public sealed class TlsOnlyPop3Maild : IAsyncLifetime
{
    public const string Password = "secret";

    public MaildServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync() =>
        Server = await MaildServer.StartAsync(new MaildOptions { Config = "maild.pop3.plaintext-auth = never\n" });

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();

    /// A new user with one message per subject, delivered over SMTP in order.
    public async Task<string> UserWithMessagesAsync(string prefix, params string[] subjects)
    {
        var user = $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}@{MaildOptions.Domain}";
        await Server.AddUserAsync(user, Password);
        foreach (var subject in subjects)
            await MailKitClients.SendAsync(Server.SmtpPort, MailKitClients.NewMessage("sender@remote.test", user, subject, $"body of {subject}\r\n.dot line\r\n"));
        return user;
    }

    /// MailKit's Pop3Client trusting the self-signed certificate, connected but not logged in.
    public async Task<Pop3Client> ConnectAsync(SecureSocketOptions security, CancellationToken ct)
    {
        var client = new Pop3Client
        {
            Timeout = 60_000,
            CheckCertificateRevocation = false,
            ServerCertificateValidationCallback = (_, _, _, _) => true,
        };
        var port = security == SecureSocketOptions.SslOnConnect ? Server.Pop3sPort : Server.Pop3Port;
        await client.ConnectAsync("127.0.0.1", port, security, ct);
        return client;
    }
}
