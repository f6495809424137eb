using Mail.Protocols.Imap;
using Xunit;
using static Mail.Protocols.Tests.Imap.Parsing.ImapFeed;

namespace Mail.Protocols.Tests.Imap.Parsing;

/// <summary>
/// Literals (RFC 3501 4.3, 7.5; LITERAL+, RFC 7888): the continuation request exactly once per
/// synchronizing literal and only when the client waits, several literals in one command,
/// binary octets kept exactly, and literals over the limit refused without buffering them.
/// </summary>
public sealed class LiteralTests
{
    private static ImapCommand Command(ImapInput input) => Assert.IsType<CommandInput>(input).Command;

    [Fact]
    public void A_synchronizing_literal_is_asked_for_once_then_read()
    {
        var receiver = new ImapReceiver();
        var line = Bytes("a1 LOGIN {5}\r\n");
        Assert.Same(ContinuationNeeded.Instance, receiver.Read(line, out var consumed));
        Assert.Equal(line.Length, consumed);
        // Nothing arrived yet, or only part of it: not asked again.
        Assert.Same(NeedMoreData.Instance, receiver.Read([], out consumed));
        Assert.Same(NeedMoreData.Instance, receiver.Read(Bytes("smi"), out consumed));
        Assert.Equal(3, consumed);
        Assert.Same(ContinuationNeeded.Instance, receiver.Read(Bytes("th {6}\r\n"), out consumed));
        Assert.Equal(8, consumed);
        var login = Assert.IsType<LoginRequest>(Command(receiver.Read(Bytes("sesame\r\n"), out consumed)).Request);
        Assert.Equal(("smith", "sesame"), (login.User, login.Password));
    }

    [Fact]
    public void Each_waited_for_literal_is_asked_for_exactly_once_and_a_pipelining_client_never()
    {
        var wire = Bytes("a1 LOGIN {5}\r\nsmith {6}\r\nsesame\r\na2 SEARCH SUBJECT {0}\r\n FROM {1}\r\nx\r\n");
        Assert.Equal(4, Feed(wire, 1).Count(r => r is ContinuationNeeded));
        Assert.DoesNotContain(Feed(wire, wire.Length), r => r is ContinuationNeeded);
        var results = FeedAllWays(wire);
        Assert.Equal(Describe(new SearchRequest(false, null, new AllOf([new HeaderContains("Subject", ""), new HeaderContains("From", "x")]))),
            Describe(Command(results[1]).Request));
    }

    [Fact]
    public void Non_synchronizing_literals_are_never_asked_for()
    {
        var wire = Bytes("a1 LOGIN {5+}\r\nsmith {6+}\r\nsesame\r\n");
        Assert.DoesNotContain(Feed(wire, 1), r => r is ContinuationNeeded);
        Assert.IsType<LoginRequest>(Command(Assert.Single(FeedAllWays(wire))).Request);
    }

    [Fact]
    public void Append_keeps_binary_octets_with_crlf_nul_and_things_that_look_like_commands()
    {
        byte[] message = [.. Bytes("From: a\r\n\r\n\0\r\n{5}\r\na2 LOGOUT\r\n\n\r"), 0xFF, 0x00, 0x80, (byte)'\r'];
        byte[] wire = [.. Bytes($"a1 APPEND Drafts (\\Draft) {{{message.Length}}}\r\n"), .. message, .. Bytes("\r\na3 NOOP\r\n")];
        var results = FeedAllWays(wire);
        Assert.Equal(2, results.Count);
        var append = Assert.IsType<AppendRequest>(Command(results[0]).Request);
        Assert.Equal(message, append.Message);
        Assert.IsType<NoopRequest>(Command(results[1]).Request);
    }

    [Fact]
    public void A_synchronizing_literal_over_the_limit_is_refused_at_once()
    {
        var receiver = () => new ImapReceiver(maxLiteral: 100);
        var results = FeedAllWays("a1 APPEND INBOX {101}\r\na2 NOOP\r\n", receiver);
        Assert.Equal(new LiteralTooLarge("a1", 101), results[0]);
        Assert.IsType<NoopRequest>(Command(results[1]).Request);
        // No continuation asked for what is refused.
        Assert.DoesNotContain(Feed(Bytes("a1 APPEND INBOX {101}\r\n"), 1, receiver()), r => r is ContinuationNeeded);
    }

    [Fact]
    public void A_non_synchronizing_literal_over_the_limit_is_skipped_with_the_rest_of_its_command()
    {
        var receiver = () => new ImapReceiver(maxLiteral: 100);
        var body = string.Concat(Enumerable.Repeat("a9 LOGOUT\r\n", 15))[..150];
        var results = FeedAllWays($"a1 APPEND INBOX {{150+}}\r\n{body} more {{3+}}\r\nabc\r\na2 NOOP\r\n", receiver);
        Assert.Equal(2, results.Count);
        Assert.Equal(new LiteralTooLarge("a1", 150), results[0]);
        Assert.IsType<NoopRequest>(Command(results[1]).Request);
    }

    [Fact]
    public void Literals_of_commands_other_than_append_are_held_to_the_line_limit()
    {
        var receiver = () => new ImapReceiver(maxLine: 100);
        var results = FeedAllWays("a1 LOGIN {60+}\r\n" + new string('u', 60) + " {60+}\r\n" + new string('p', 60) + "\r\na2 NOOP\r\n", receiver);
        Assert.Equal(new ErrorInput("a1", ImapReceiver.LiteralTooLong), results[0]);
        Assert.IsType<NoopRequest>(Command(results[1]).Request);
        Assert.Equal(new ErrorInput("a1", ImapReceiver.LiteralTooLong), Single("a1 LOGIN {4294967296}\r\n"));
    }

    [Fact]
    public void Login_with_a_huge_literal_is_bad_syntax_not_a_message_too_large()
    {
        // Before the fix a LOGIN literal over the limit was answered "NO [TOOBIG] Message too large".
        var results = FeedAllWays("a1 LOGIN {67108864}\r\na2 NOOP\r\n");
        Assert.Equal(new ErrorInput("a1", ImapReceiver.LiteralTooLong), results[0]);
        Assert.IsType<NoopRequest>(Command(results[1]).Request);
    }

    [Fact]
    public void A_literal_announced_after_an_invalid_tag_is_refused_before_its_octets()
    {
        var results = FeedAllWays("+1 LOGIN {5+}\r\nsmith x\r\na2 NOOP\r\n");
        Assert.Equal(new ErrorInput(null, "Invalid tag"), results[0]);
        Assert.IsType<NoopRequest>(Command(results[1]).Request);
    }

    [Fact]
    public void A_syntax_error_consumes_the_command_with_all_its_literals()
    {
        var results = FeedAllWays("a1 LOGIN {5+}\r\nsmith {2+}\r\nx\n extra {4}\r\nmore\r\na2 NOOP\r\n");
        Assert.Equal(new ErrorInput("a1", "Unexpected text at end of command"), results[0]);
        Assert.IsType<NoopRequest>(Command(results[1]).Request);
    }

    [Fact]
    public void A_literal_where_none_may_stand_is_a_bad()
    {
        Assert.Equal(new ErrorInput("a1", "NOOP takes no arguments"), Single("a1 NOOP {2+}\r\nxy\r\n"));
        Assert.Equal(new ErrorInput("a1", "Invalid sequence set"), Single("a1 FETCH {1+}\r\n1 FLAGS\r\n"));
        Assert.Equal(new ErrorInput("a1", "Invalid fetch attribute"), Single("a1 FETCH 1 {5+}\r\nFLAGS\r\n"));
    }

    [Fact]
    public void An_overlong_line_is_reported_once_and_dropped_as_it_arrives()
    {
        var receiver = () => new ImapReceiver(maxLine: 64);
        var results = FeedAllWays("a1 LOGIN " + new string('x', 500) + " y\r\na2 NOOP\r\n", receiver);
        Assert.Equal(new ErrorInput("a1", ImapReceiver.LineTooLong), results[0]);
        Assert.IsType<NoopRequest>(Command(results[1]).Request);
        // The lines of one command count together: a literal does not reset the budget.
        var split = FeedAllWays("a1 LOGIN {1+}\r\nx " + new string('y', 60) + "\r\na2 NOOP\r\n", receiver);
        Assert.Equal(new ErrorInput("a1", ImapReceiver.LineTooLong), split[0]);
        Assert.IsType<NoopRequest>(Command(split[1]).Request);
    }

    [Fact]
    public void An_overlong_line_is_not_kept_by_the_caller()
    {
        var receiver = new ImapReceiver(maxLine: 64);
        var result = receiver.Read(Bytes("a1 LOGIN " + new string('x', 100)), out var consumed);
        Assert.Equal(new ErrorInput("a1", ImapReceiver.LineTooLong), result);
        Assert.Equal(109, consumed);
        Assert.Same(NeedMoreData.Instance, receiver.Read(Bytes(new string('x', 1000)), out consumed));
        Assert.Equal(1000, consumed);
        Assert.IsType<NoopRequest>(Command(receiver.Read(Bytes("x\r\na2 NOOP\r\n"), out consumed)).Request);
    }
}
