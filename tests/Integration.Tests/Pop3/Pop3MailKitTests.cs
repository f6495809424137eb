using Mail.Integration.Tests.Harness;
using MailKit.Net.Pop3;
using MailKit.Security;

namespace Mail.Integration.Tests.Pop3;

/// <summary>
/// MailKit's Pop3Client, what .NET mail programs use, against a server that allows no
/// plaintext login: STLS (RFC 2595) on the POP3 port and implicit TLS on the pop3s port,
/// AUTH PLAIN (RFC 5034), UIDL, TOP, RETR, and DELE committed by QUIT.
/// </summary>
public sealed class Pop3MailKitTests(TlsOnlyPop3Maild shared) : MaildTestBase, IClassFixture<TlsOnlyPop3Maild>
{
    public override ValueTask InitializeAsync()
    {
        Watch(shared.Server);
        return base.InitializeAsync();
    }

    [Fact]
    public async Task Before_stls_no_login_is_offered_and_after_it_auth_plain_works()
    {
        var user = await shared.UserWithMessagesAsync("mkstls", "one");

        using (var plain = await shared.ConnectAsync(SecureSocketOptions.None, Ct))
        {
            Assert.True(plain.Capabilities.HasFlag(Pop3Capabilities.StartTLS));
            Assert.Empty(plain.AuthenticationMechanisms);
            // USER/PASS is refused ("-ERR [AUTH] Plaintext authentication disallowed...", which
            // MailKit reports as its own generic text); the Python test checks the reply itself.
            await Assert.ThrowsAsync<AuthenticationException>(() => plain.AuthenticateAsync(user, TlsOnlyPop3Maild.Password, Ct));
        }

        using var client = await shared.ConnectAsync(SecureSocketOptions.StartTls, Ct);
        Assert.True(client.IsSecure);
        // (MailKit keeps its STLS flag after the upgrade; that CAPA drops STLS is the Python test's.)
        Assert.True(client.Capabilities.HasFlag(Pop3Capabilities.User));
        Assert.Contains("PLAIN", client.AuthenticationMechanisms);

        await client.AuthenticateAsync(new SaslMechanismPlain(user, TlsOnlyPop3Maild.Password), Ct);

        Assert.Equal(1, client.Count);
        Assert.Equal("one", (await client.GetMessageAsync(0, Ct)).Subject);
        await client.DisconnectAsync(quit: true, Ct);
    }

    [Fact]
    public async Task Over_implicit_tls_uidl_top_retr_and_dele_then_quit_commits_and_a_second_session_agrees()
    {
        var user = await shared.UserWithMessagesAsync("mkpop3s", "first", "second", "third");
        string[] uids;
        using (var client = await shared.ConnectAsync(SecureSocketOptions.SslOnConnect, Ct))
        {
            Assert.True(client.IsSecure);
            await client.AuthenticateAsync(new SaslMechanismPlain(user, TlsOnlyPop3Maild.Password), Ct);
            Assert.Equal(3, client.Count);

            uids = [.. await client.GetMessageUidsAsync(Ct)];
            Assert.Equal(3, uids.Distinct().Count());
            Assert.Equal(uids[1], await client.GetMessageUidAsync(1, Ct));

            var headers = await client.GetMessageHeadersAsync(1, Ct); // TOP 2 0
            Assert.Equal("second", headers[MimeKit.HeaderId.Subject]);
            var message = await client.GetMessageAsync(1, Ct); // RETR 2
            Assert.Equal("body of second\r\n.dot line\r\n", message.TextBody?.ReplaceLineEndings("\r\n"));
            Assert.Equal((await client.GetMessageSizesAsync(Ct))[1], await client.GetMessageSizeAsync(1, Ct));

            await client.DeleteMessageAsync(1, Ct);
            await Assert.ThrowsAsync<Pop3CommandException>(() => client.GetMessageAsync(1, Ct));
            await client.DisconnectAsync(quit: true, Ct);
        }

        // The deletion was committed at QUIT: the lock is free and the message gone for good.
        using var next = await shared.ConnectAsync(SecureSocketOptions.StartTls, Ct);
        await next.AuthenticateAsync(user, TlsOnlyPop3Maild.Password, Ct); // USER/PASS this time
        Assert.Equal(2, next.Count);
        Assert.Equal([uids[0], uids[2]], await next.GetMessageUidsAsync(Ct));
        Assert.Equal(["first", "third"], (await next.GetMessagesAsync(0, 2, Ct)).Select(m => m.Subject));
        await next.DisconnectAsync(quit: true, Ct);
    }

    [Fact]
    public async Task Without_quit_deletions_are_rolled_back()
    {
        var user = await shared.UserWithMessagesAsync("mknoquit", "kept");
        using (var client = await shared.ConnectAsync(SecureSocketOptions.SslOnConnect, Ct))
        {
            await client.AuthenticateAsync(user, TlsOnlyPop3Maild.Password, Ct);
            await client.DeleteMessageAsync(0, Ct);
            await client.DisconnectAsync(quit: false, Ct);
        }

        // The lock of the dropped session is released asynchronously: retry while [IN-USE].
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            using var next = await shared.ConnectAsync(SecureSocketOptions.SslOnConnect, Ct);
            try
            {
                await next.AuthenticateAsync(user, TlsOnlyPop3Maild.Password, Ct);
            }
            catch (AuthenticationException e) when (e.Message.Contains("[IN-USE]", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100, Ct);
                continue;
            }
            Assert.Equal(1, next.Count);
            await next.DisconnectAsync(quit: true, Ct);
            return;
        }
    }
}
