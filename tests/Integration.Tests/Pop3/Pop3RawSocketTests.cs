using Mail.Integration.Tests.Harness;

namespace Mail.Integration.Tests.Pop3;

/// <summary>
/// What no client library does on purpose, over real sockets: commands pipelined behind STLS,
/// STLS refused in the wrong place, a handshake that is no handshake, and two sessions on one
/// maildrop.
/// </summary>
public sealed class Pop3RawSocketTests(TlsOnlyPop3Maild shared) : MaildTestBase, IClassFixture<TlsOnlyPop3Maild>
{
    public override ValueTask InitializeAsync()
    {
        Watch(shared.Server);
        return base.InitializeAsync();
    }

    [Theory]
    [InlineData("CAPA\r\n")]
    [InlineData("USER x@example.test\r\nPASS secret\r\n")]
    public async Task Commands_pipelined_with_stls_are_not_executed_after_the_handshake_CVE_2011_0411(string injected)
    {
        await using var pop = await Pop3TlsDialog.ConnectAsync(shared.Server.Pop3Port);
        Assert.StartsWith("+OK", await pop.ReadLineAsync());

        await pop.WriteAsync("STLS\r\n" + injected); // one write: one segment on loopback
        Assert.Equal("+OK Begin TLS negotiation", await pop.ReadLineAsync());
        await pop.HandshakeAsync(); // would fail if a plaintext reply to the injected line came first

        // The first reply over TLS answers NOOP (not valid before login), not the injected command.
        Assert.Equal("-ERR NOOP not valid in AUTHORIZATION state, expected USER/APOP/AUTH/STLS/CAPA/QUIT", await pop.CommandAsync("NOOP"));
        Assert.Equal("-ERR PASS must follow a successful USER", await pop.CommandAsync("PASS secret"));
        Assert.Equal("-ERR TLS already active.", await pop.CommandAsync("STLS"));
        Assert.Equal("+OK Logging out.", await pop.CommandAsync("QUIT"));
    }

    [Fact]
    public async Task Stls_on_the_pop3s_port_is_err_and_a_failed_handshake_closes_the_connection()
    {
        await using (var pop3s = await Pop3TlsDialog.ConnectAsync(shared.Server.Pop3sPort, implicitTls: true))
        {
            Assert.Equal("+OK maild ready.", await pop3s.ReadLineAsync());
            Assert.Equal("-ERR TLS already active.", await pop3s.CommandAsync("STLS"));
        }

        await using var pop = await Pop3TlsDialog.ConnectAsync(shared.Server.Pop3Port);
        await pop.ReadLineAsync();
        Assert.Equal("+OK Begin TLS negotiation", await pop.CommandAsync("STLS"));
        await pop.WriteAsync("this is not a TLS client hello\r\n");
        Assert.True(await pop.IsClosedByServerAsync());
    }

    [Fact]
    public async Task A_second_session_on_a_locked_maildrop_gets_in_use_until_the_first_quits()
    {
        var user = await shared.UserWithMessagesAsync("inuse", "only");
        await using var first = await LoginAsync(user);
        Assert.StartsWith("+OK 1 ", await first.CommandAsync("STAT"));

        await using (var second = await Pop3TlsDialog.ConnectAsync(shared.Server.Pop3sPort, implicitTls: true))
        {
            await second.ReadLineAsync();
            Assert.Equal("+OK", await second.CommandAsync($"USER {user}"));
            Assert.Equal("-ERR [IN-USE] Mailbox is locked by another POP3 session.", await second.CommandAsync("PASS secret"));
            Assert.Equal("+OK", await second.CommandAsync($"USER {user}"));

            Assert.Equal("+OK Logging out.", await first.CommandAsync("QUIT"));
            Assert.Equal("+OK Logged in.", await second.CommandAsync("PASS secret"));
            Assert.StartsWith("+OK 1 ", await second.CommandAsync("STAT"));
        }
    }

    private async Task<Pop3TlsDialog> LoginAsync(string user)
    {
        var pop = await Pop3TlsDialog.ConnectAsync(shared.Server.Pop3sPort, implicitTls: true);
        Assert.StartsWith("+OK", await pop.ReadLineAsync());
        Assert.Equal("+OK", await pop.CommandAsync($"USER {user}"));
        Assert.Equal("+OK Logged in.", await pop.CommandAsync($"PASS {TlsOnlyPop3Maild.Password}"));
        return pop;
    }
}
