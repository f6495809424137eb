using System.Globalization;
using Mail.Actors.Mailbox;
using Mail.Actors.Tests.Support;

namespace Mail.Actors.Tests.Pop3;

/// A whole POP3 session against a real mailbox: listing, retrieval, deletion at QUIT.
public sealed class Pop3TransactionTests(ITestOutputHelper output) : Pop3Dialogue(output)
{
    [Fact]
    public async Task Stat_list_and_uidl_describe_the_maildrop()
    {
        var uidValidity = await SeedBob();
        var client = Connect();
        client.Login();

        client.Send("STAT", $"+OK 2 {Size1 + Size2}");
        client.Send("LIST", $"+OK 2 messages ({Size1 + Size2} octets)", $"1 {Size1}", $"2 {Size2}", ".");
        client.Send("LIST 2", $"+OK 2 {Size2}");
        var v = uidValidity.ToString("X8", CultureInfo.InvariantCulture);
        client.Send("UIDL", "+OK", $"1 00000001{v}", $"2 00000002{v}", ".");
        client.Send("UIDL 1", $"+OK 1 00000001{v}");
        client.Send("LIST 3", "-ERR no such message");
    }

    [Fact]
    public async Task Retr_sends_the_body_dot_stuffed_and_top_the_header_and_n_lines()
    {
        await SeedBob();
        var client = Connect();
        client.Login();

        client.Send("RETR 1", $"+OK {Size1} octets", "Subject: one", "", "line1", "..dotted", "line3", ".");
        client.Send("TOP 1 0", "+OK", "Subject: one", "", ".");
        client.Send("TOP 1 2", "+OK", "Subject: one", "", "line1", "..dotted", ".");
        client.Send("RETR 3", "-ERR no such message");
    }

    [Fact]
    public async Task Dele_marks_rset_unmarks_and_quit_expunges_durably()
    {
        await SeedBob();
        var client = Connect();
        client.Login();

        client.Send("DELE 1", "+OK Marked to be deleted.");
        client.Send("STAT", $"+OK 1 {Size2}");
        client.Send("RETR 1", "-ERR message 1 already deleted");
        client.Send("DELE 1", "-ERR message 1 already deleted");
        client.Send("RSET", $"+OK 2 messages ({Size1 + Size2} octets)");
        client.Send("DELE 2", "+OK Marked to be deleted.");
        client.Send("NOOP", "+OK");
        client.Send("QUIT", "+OK Logging out.");
        client.AwaitClosed();

        var status = await Region.AskFor<MailboxStatus>(new GetMailboxStatus(Bob));
        Assert.Equal((1, (long)Size1), (status.Count, status.TotalSize));
        AwaitAssertion(() => Assert.False(Blobs.Exists("QTWO.0")));
        Assert.True(Blobs.Exists("QONE.0"));
        var next = Connect();
        next.Login();
        next.Send("LIST", $"+OK 1 messages ({Size1} octets)", $"1 {Size1}", ".");
    }

    [Fact]
    public async Task Connection_lost_without_quit_deletes_nothing()
    {
        await SeedBob();
        var client = Connect();
        client.Login();
        client.Send("DELE 1", "+OK Marked to be deleted.");

        client.Drop();

        var status = await Region.AskFor<MailboxStatus>(new GetMailboxStatus(Bob));
        Assert.Equal(2, status.Count);
        Assert.True(Blobs.Exists("QONE.0"));
    }

    [Fact]
    public void An_empty_mailbox_logs_in_with_nothing_to_list()
    {
        var client = Connect();
        client.Login();

        client.Send("STAT", "+OK 0 0");
        client.Send("LIST", "+OK 0 messages (0 octets)", ".");
        client.Send("QUIT", "+OK Logging out.");
    }

    [Fact]
    public async Task Pipelined_commands_are_answered_in_order_across_an_asynchronous_retr()
    {
        await SeedBob();
        var client = Connect();

        client.Write("USER bob@example.com\r\nPASS bobpw\r\nRETR 2\r\nSTAT\r\n");

        client.Expect("+OK");
        client.Expect("+OK Logged in.");
        client.Expect($"+OK {Size2} octets", "Subject: two", "", "body", ".");
        client.Expect($"+OK 2 {Size1 + Size2}");
    }
}
