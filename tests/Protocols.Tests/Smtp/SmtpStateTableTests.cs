using Mail.Protocols.Smtp;
using Xunit;
using static Mail.Protocols.Smtp.SmtpState;

namespace Mail.Protocols.Tests.Smtp;

public sealed class SmtpStateTableTests
{
    [Theory]
    [InlineData(SmtpVerbs.Ehlo)]
    [InlineData(SmtpVerbs.Helo)]
    [InlineData(SmtpVerbs.Noop)]
    [InlineData(SmtpVerbs.Rset)]
    [InlineData(SmtpVerbs.Quit)]
    [InlineData(SmtpVerbs.Vrfy)]
    [InlineData(SmtpVerbs.Help)]
    public void Allowed_in_every_state(string verb)
    {
        foreach (var state in Enum.GetValues<SmtpState>())
        {
            Assert.True(SmtpStateTable.IsAllowed(state, verb), $"{verb} in {state}");
        }
    }

    [Theory]
    [InlineData(Connected, SmtpVerbs.Mail, false)]
    [InlineData(Ready, SmtpVerbs.Mail, true)]
    [InlineData(MailGiven, SmtpVerbs.Mail, false)]
    [InlineData(RcptGiven, SmtpVerbs.Mail, false)]
    [InlineData(Connected, SmtpVerbs.Rcpt, false)]
    [InlineData(Ready, SmtpVerbs.Rcpt, false)]
    [InlineData(MailGiven, SmtpVerbs.Rcpt, true)]
    [InlineData(RcptGiven, SmtpVerbs.Rcpt, true)]
    [InlineData(Connected, SmtpVerbs.Data, false)]
    [InlineData(Ready, SmtpVerbs.Data, false)]
    [InlineData(MailGiven, SmtpVerbs.Data, false)]
    [InlineData(RcptGiven, SmtpVerbs.Data, true)]
    [InlineData(RcptGiven, SmtpVerbs.Bdat, true)]
    [InlineData(MailGiven, SmtpVerbs.Bdat, false)]
    [InlineData(ChunksGiven, SmtpVerbs.Bdat, true)]
    [InlineData(ChunksGiven, SmtpVerbs.Data, false)]
    [InlineData(ChunksGiven, SmtpVerbs.Rcpt, false)]
    [InlineData(ChunksGiven, SmtpVerbs.Mail, false)]
    [InlineData(Connected, SmtpVerbs.StartTls, true)]
    [InlineData(Ready, SmtpVerbs.StartTls, true)]
    [InlineData(MailGiven, SmtpVerbs.StartTls, false)]
    [InlineData(Connected, SmtpVerbs.Auth, false)]
    [InlineData(Ready, SmtpVerbs.Auth, true)]
    [InlineData(RcptGiven, SmtpVerbs.Auth, false)]
    public void Allowed(SmtpState state, string verb, bool allowed) =>
        Assert.Equal(allowed, SmtpStateTable.IsAllowed(state, verb));

    [Theory]
    [InlineData(Connected, SmtpVerbs.Mail, 503, "5.5.1", "Error: send HELO/EHLO first")]
    [InlineData(Connected, SmtpVerbs.Auth, 503, "5.5.1", "Error: send HELO/EHLO first")]
    [InlineData(Connected, SmtpVerbs.Rcpt, 503, "5.5.1", "Error: need MAIL command")]
    [InlineData(Ready, SmtpVerbs.Rcpt, 503, "5.5.1", "Error: need MAIL command")]
    [InlineData(Connected, SmtpVerbs.Data, 503, "5.5.1", "Error: need RCPT command")]
    [InlineData(Ready, SmtpVerbs.Data, 503, "5.5.1", "Error: need RCPT command")]
    [InlineData(Ready, SmtpVerbs.Bdat, 503, "5.5.1", "Error: need RCPT command")]
    [InlineData(MailGiven, SmtpVerbs.Mail, 503, "5.5.1", "Error: nested MAIL command")]
    [InlineData(RcptGiven, SmtpVerbs.Mail, 503, "5.5.1", "Error: nested MAIL command")]
    [InlineData(MailGiven, SmtpVerbs.Auth, 503, "5.5.1", "Error: MAIL transaction in progress")]
    [InlineData(RcptGiven, SmtpVerbs.StartTls, 503, "5.5.1", "Error: MAIL transaction in progress")]
    [InlineData(MailGiven, SmtpVerbs.Data, 554, "5.5.1", "Error: no valid recipients")] // not a 503: RFC 5321 3.3
    [InlineData(MailGiven, SmtpVerbs.Bdat, 554, "5.5.1", "Error: no valid recipients")]
    [InlineData(ChunksGiven, SmtpVerbs.Data, 503, "5.5.1", "Error: DATA after BDAT")] // RFC 3030 2
    [InlineData(ChunksGiven, SmtpVerbs.Rcpt, 503, "5.5.1", "Error: RCPT after BDAT")]
    [InlineData(ChunksGiven, SmtpVerbs.Mail, 503, "5.5.1", "Error: MAIL after BDAT")]
    [InlineData(ChunksGiven, SmtpVerbs.StartTls, 503, "5.5.1", "Error: MAIL transaction in progress")]
    public void Refusals_come_from_the_table(SmtpState state, string verb, int code, string enhanced, string text) =>
        Assert.Equal(new SmtpReply(code, enhanced, text), SmtpStateTable.BadSequence(state, verb));

    [Theory]
    [InlineData(Connected, SmtpVerbs.Ehlo, Ready)]
    [InlineData(RcptGiven, SmtpVerbs.Helo, Ready)] // RFC 5321 4.1.4: HELO/EHLO abort the transaction
    [InlineData(Ready, SmtpVerbs.Mail, MailGiven)]
    [InlineData(MailGiven, SmtpVerbs.Rcpt, RcptGiven)]
    [InlineData(RcptGiven, SmtpVerbs.Rcpt, RcptGiven)]
    [InlineData(RcptGiven, SmtpVerbs.Data, Ready)]
    [InlineData(RcptGiven, SmtpVerbs.Rset, Ready)]
    [InlineData(MailGiven, SmtpVerbs.Rset, Ready)]
    [InlineData(Connected, SmtpVerbs.Rset, Connected)] // RSET does not stand in for HELO
    [InlineData(MailGiven, SmtpVerbs.Noop, MailGiven)]
    [InlineData(RcptGiven, SmtpVerbs.Vrfy, RcptGiven)]
    [InlineData(Ready, SmtpVerbs.StartTls, Connected)] // RFC 3207 4.2: the client must EHLO again
    [InlineData(Ready, SmtpVerbs.Auth, Ready)]
    [InlineData(RcptGiven, SmtpVerbs.Bdat, ChunksGiven)]
    [InlineData(ChunksGiven, SmtpVerbs.Bdat, ChunksGiven)] // BDAT LAST too: Ready comes with the commit
    [InlineData(ChunksGiven, SmtpVerbs.Rset, Ready)]
    [InlineData(ChunksGiven, SmtpVerbs.Ehlo, Ready)]
    [InlineData(ChunksGiven, SmtpVerbs.Noop, ChunksGiven)]
    public void Transitions(SmtpState state, string verb, SmtpState next) =>
        Assert.Equal(next, SmtpStateTable.Next(state, verb));

    [Fact]
    public void Refusing_an_allowed_verb_is_a_bug() =>
        Assert.Throws<InvalidOperationException>(() => SmtpStateTable.BadSequence(Ready, SmtpVerbs.Mail));

    [Fact]
    public void Moving_on_a_refused_verb_is_a_bug() =>
        Assert.Throws<InvalidOperationException>(() => SmtpStateTable.Next(Ready, SmtpVerbs.Data));

    [Fact]
    public void Unknown_verbs_are_a_bug()
    {
        Assert.Throws<ArgumentException>(() => SmtpStateTable.IsAllowed(Ready, "XYZZY"));
        Assert.Throws<ArgumentException>(() => SmtpStateTable.BadSequence(Ready, "XYZZY"));
    }

    [Fact]
    public void Every_parsed_command_has_a_row()
    {
        string[] lines =
        [
            "EHLO a", "HELO a", "MAIL FROM:<>", "RCPT TO:<postmaster>", "DATA", "BDAT 1", "RSET", "NOOP",
            "QUIT", "VRFY a", "HELP", "STARTTLS", "AUTH PLAIN",
        ];
        foreach (var line in lines)
        {
            var command = SmtpCommandParserTests.Parse(line);
            _ = SmtpStateTable.IsAllowed(Ready, command); // throws for a verb the table lacks
        }
    }

    [Fact]
    public void A_session_walks_the_table()
    {
        var state = Connected;
        Assert.Equal("503 5.5.1 Error: send HELO/EHLO first", SmtpStateTable.BadSequence(state, SmtpVerbs.Mail).ToString());
        foreach (var verb in new[] { SmtpVerbs.Ehlo, SmtpVerbs.Mail, SmtpVerbs.Rcpt, SmtpVerbs.Rcpt, SmtpVerbs.Data })
        {
            Assert.True(SmtpStateTable.IsAllowed(state, verb), $"{verb} in {state}");
            state = SmtpStateTable.Next(state, verb);
        }

        Assert.Equal(Ready, state);
        Assert.Equal("503 5.5.1 Error: need MAIL command", SmtpStateTable.BadSequence(state, SmtpVerbs.Rcpt).ToString());
    }
}
