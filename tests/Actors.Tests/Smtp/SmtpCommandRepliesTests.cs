namespace Mail.Actors.Tests.Smtp;

/// Replies to the commands outside a mail transaction, code and enhanced code exact.
public sealed class SmtpCommandRepliesTests(ITestOutputHelper output) : SmtpDialogue(output)
{
    [Fact]
    public void Greeting_is_220_and_the_session_asks_for_input()
    {
        Connect();

        AwaitConnection(() => Assert.True(Connection.ReadMoreCalls >= 1));
        Assert.Equal(0, Connection.CloseCalls);
    }

    [Fact]
    public void Ehlo_lists_pipelining_size_8bitmime_and_enhancedstatuscodes()
    {
        Connect();

        Ehlo();
    }

    [Fact]
    public void Helo_is_a_one_line_250_without_extensions()
    {
        Connect();

        Send("HELO client.example", "250 mx.test");
    }

    [Fact]
    public void Noop_vrfy_and_help_answer_with_enhanced_codes()
    {
        Connect();

        Send("NOOP", "250 2.0.0 Ok");
        Send("VRFY bob", "252 2.0.0 Cannot VRFY user, but will accept message and attempt delivery");
        Send("HELP", "214 2.0.0 Commands: EHLO HELO MAIL RCPT DATA RSET NOOP QUIT VRFY HELP");
    }

    [Fact]
    public void Quit_says_221_and_closes()
    {
        Connect();
        Ehlo();

        Send("QUIT", "221 2.0.0 Bye");

        AwaitClosed();
    }

    [Fact]
    public void Unknown_command_is_500_5_5_2()
    {
        Connect();

        Send("FROB now", "500 5.5.2 Error: command not recognized");
    }

    [Fact]
    public void Bad_syntax_is_501_5_5_4()
    {
        Connect();

        Send("HELO", "501 5.5.4 Syntax: HELO hostname");
        Send("EHLO client.example\r\nDATA now", // arguments where none are allowed
            "250-mx.test", "250-PIPELINING", "250-SIZE 4096", "250-8BITMIME", "250-ENHANCEDSTATUSCODES", "250 DSN");
        ExpectReply("501 5.5.4 Syntax: DATA");
    }

    [Fact]
    public void Commands_out_of_sequence_are_503_5_5_1()
    {
        Connect();

        Send("MAIL FROM:<alice@example.org>", "503 5.5.1 Error: send HELO/EHLO first");
        Ehlo();
        Send("RCPT TO:<bob@example.com>", "503 5.5.1 Error: need MAIL command");
        Send("DATA", "503 5.5.1 Error: need RCPT command"); // Postfix words it so too
        Send("MAIL FROM:<alice@example.org>", "250 2.1.0 Ok");
        Send("MAIL FROM:<alice@example.org>", "503 5.5.1 Error: nested MAIL command");
    }

    [Fact]
    public void Too_many_errors_end_with_421_and_close()
    {
        Settings = Settings with { HardErrorLimit = 3 };
        Connect();

        Client("FROB\r\nFROB\r\nFROB\r\nNOOP\r\n");

        ExpectReply("500 5.5.2 Error: command not recognized");
        ExpectReply("500 5.5.2 Error: command not recognized");
        ExpectReply("500 5.5.2 Error: command not recognized");
        ExpectReply("421 4.7.0 mx.test Error: too many errors");
        AwaitClosed();
        ExpectNoReply(); // the NOOP after the limit is not executed
    }

    [Fact]
    public void A_line_split_over_several_reads_is_one_command()
    {
        Connect();

        Client("NO");
        Client("O");
        Client("P\r");
        Client("\n");

        ExpectReply("250 2.0.0 Ok");
    }
}
