using Mail.Integration.Tests.Harness;

namespace Mail.Integration.Tests.Imap;

/// <summary>
/// RFC 2180 section 4: a session still numbers a message another session expunged until it
/// is told with EXPUNGE. What can be answered from its view (flags) is; what is gone (the
/// body, a copy) is refused with NO [EXPUNGEISSUED] (RFC 5530), as Dovecot does, instead of
/// an OK that silently left the message out.
/// </summary>
public sealed class ImapMultiAccessTests(SharedMaild shared) : MaildTestBase, IClassFixture<SharedMaild>
{
    private MaildServer Server => shared.Server;

    [Fact]
    public async Task Fetch_and_copy_of_a_message_expunged_by_another_session_answer_expungeissued()
    {
        var user = UniqueAddress("r2180");
        await Server.AddUserAsync(user, "secret");
        await using var a = await ImapDialog.LoginAsync(Server.ImapPort, user, "secret");
        await using var b = await ImapDialog.LoginAsync(Server.ImapPort, user, "secret");
        for (var i = 1; i <= 2; i++)
        {
            var message = $"Subject: m{i}\r\n\r\nbody {i}\r\n";
            await a.SendRawAsync($"p{i} APPEND INBOX {{{message.Length}+}}\r\n{message}\r\n");
            Assert.StartsWith("OK", (await a.ReadUntilTaggedAsync($"p{i}")).Status);
        }
        Assert.StartsWith("OK", (await a.CommandAsync("SELECT INBOX")).Status);
        Assert.StartsWith("OK", (await b.CommandAsync("SELECT INBOX")).Status);
        Assert.StartsWith("OK", (await b.CommandAsync("STORE 1 +FLAGS.SILENT (\\Deleted)")).Status);
        Assert.StartsWith("OK", (await b.CommandAsync("EXPUNGE")).Status);
        await Task.Delay(500, TestContext.Current.CancellationToken);

        var (body, bodyLines) = await a.CommandAsync("FETCH 1:2 BODY.PEEK[]");
        Assert.StartsWith("NO [EXPUNGEISSUED]", body);
        Assert.Contains(bodyLines, l => l.StartsWith("* 2 FETCH", StringComparison.Ordinal) && l.Contains("body 2", StringComparison.Ordinal));
        Assert.DoesNotContain(bodyLines, l => l.Contains("EXPUNGE", StringComparison.Ordinal)); // not during FETCH (RFC 3501 7.4.1)

        var (flags, flagLines) = await a.CommandAsync("FETCH 1 FLAGS");
        Assert.StartsWith("OK", flags);
        Assert.Contains(flagLines, l => l.StartsWith("* 1 FETCH (FLAGS (", StringComparison.Ordinal));

        var (copy, copyLines) = await a.CommandAsync("COPY 1 Trash");
        Assert.StartsWith("NO [EXPUNGEISSUED]", copy);
        Assert.Contains("* 1 EXPUNGE", copyLines); // COPY may tell it, and now does
        var (_, status) = await a.CommandAsync("STATUS Trash (MESSAGES)");
        Assert.Contains("* STATUS \"Trash\" (MESSAGES 0)", status);
    }
}
