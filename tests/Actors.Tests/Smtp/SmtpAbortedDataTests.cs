namespace Mail.Actors.Tests.Smtp;

/// A body that is too big or never finished leaves nothing behind: no spool file, no blob, no append.
public sealed class SmtpAbortedDataTests(ITestOutputHelper output) : SmtpDialogue(output)
{
    [Fact]
    public void Body_over_the_limit_is_552_5_3_4_and_leaves_no_file()
    {
        Connect();
        Ehlo();
        Client("MAIL FROM:<alice@example.org>\r\nRCPT TO:<bob@example.com>\r\nDATA\r\n");
        ExpectReply("250 2.1.0 Ok");
        ExpectReply("250 2.1.5 Ok");
        ExpectReply("354 End data with <CR><LF>.<CR><LF>");

        var line = new string('x', 98) + "\r\n";
        for (var i = 0; i < 50; i++)
            Client(line); // 5000 bytes against a 4096-byte limit, in many reads
        ExpectNoReply(); // the client is not interrupted before its end of data
        Client(".\r\n");

        ExpectReply("552 5.3.4 Error: message file too big");
        ExpectNoAppend();
        Assert.Empty(Folder.FilesUnder("spool"));
        Assert.Empty(Folder.FilesUnder("blobs"));
        Send("MAIL FROM:<alice@example.org>", "250 2.1.0 Ok");
    }

    // The limit counts what the client sends, as SIZE= does; our Return-Path and Received lines
    // do not push a message that is exactly at the limit over it.
    [Theory]
    [InlineData(4096, "250")]
    [InlineData(4097, "552")]
    public void The_limit_is_on_the_client_data_alone(int size, string expected)
    {
        Connect();
        Ehlo();
        Send("MAIL FROM:<alice@example.org>", "250 2.1.0 Ok");
        Send("RCPT TO:<bob@example.com>", "250 2.1.5 Ok");
        Send("DATA", "354 End data with <CR><LF>.<CR><LF>");

        Client(new string('x', size - 2) + "\r\n.\r\n");

        if (expected == "250")
            Ack(ExpectAppend());
        var reply = NextReply();
        Assert.StartsWith(expected, reply);
    }

    [Fact]
    public void Connection_lost_mid_data_leaves_no_file_in_spool_or_blobs()
    {
        Connect();
        Ehlo();
        Client("MAIL FROM:<alice@example.org>\r\nRCPT TO:<bob@example.com>\r\nDATA\r\n");
        ExpectReply("250 2.1.0 Ok");
        ExpectReply("250 2.1.5 Ok");
        ExpectReply("354 End data with <CR><LF>.<CR><LF>");
        Client("Subject: half\r\n\r\nthe first half\r\n");
        AwaitConnection(() => Assert.Single(Folder.FilesUnder("spool"))); // the body is being spooled

        LoseConnection();

        Assert.Empty(Folder.FilesUnder("spool"));
        Assert.Empty(Folder.FilesUnder("blobs"));
        ExpectNoAppend();
    }

    [Fact]
    public void Connection_lost_before_data_just_stops_the_session()
    {
        Connect();
        Ehlo();
        Send("MAIL FROM:<alice@example.org>", "250 2.1.0 Ok");

        LoseConnection();

        AwaitClosed();
        Assert.Empty(Folder.FilesUnder("spool"));
    }
}
