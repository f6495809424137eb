using System.Text;
using Mail.Protocols.Smtp;
using MimeKit;
using static Mail.Actors.Tests.Bounces.Dsns;

namespace Mail.Actors.Tests.Bounces;

public sealed class DsnReturnedMessageTests
{
    [Fact]
    public void Ret_full_returns_the_stored_message_byte_for_byte()
    {
        var (dsn, bytes) = RoundTrip(Request(DsnReturn.Full, Failed("bob@example.net")), Original);

        var part = Assert.IsType<MessagePart>(Report(dsn)[2]);
        Assert.Equal("message/rfc822", part.ContentType.MimeType);
        Assert.True(IndexOf(bytes, Original) > 0, "the original's bytes appear unchanged in the DSN");
        Assert.Equal("Grüße aus Köln ½  (half)", part.Message!.Subject);
        Assert.Equal("8bit", part.Headers[HeaderId.ContentTransferEncoding]);
        Assert.Contains("Undelivered Message", Encoding.UTF8.GetString(bytes));
    }

    // MimeKit keeps what it parses raw; bare CR/LF line ends are the one thing writing with CRLF normalizes.
    [Theory]
    [InlineData("Subject: no body, no final newline")]
    [InlineData("Subject: x\r\n\r\nbody without final newline")]
    [InlineData("Subject: x\r\nContent-Type: multipart/mixed; boundary=q\r\n\r\n--q\r\n\r\nunterminated multipart\r\n")]
    [InlineData("Subject: x\r\nContent-Type: multipart/mixed; boundary=q\r\n\r\n--q\r\n\r\na\r\n--q--\r\nepilogue\r\n\r\n")]
    [InlineData("Subject: x\r\nX-Bad header line\r\nFrom: a@b\r\n\r\nbody\r\n")]
    [InlineData("Subject: x\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!not base64\r\n")]
    [InlineData("Subject:x\r\n\tfolded\r\nTo:   spaced@x\r\n\r\n\r\n\r\n")]
    [InlineData("Subject: x\r\nContent-Type: message/rfc822\r\n\r\nSubject: inner\r\n\r\ninner body\r\n")]
    public void Odd_originals_are_still_returned_byte_for_byte(string original)
    {
        var bytes = Encoding.UTF8.GetBytes("Return-Path: <alice@example.org>\r\n" + original);
        var (_, dsn) = RoundTrip(Request(DsnReturn.Full, Failed("b@x")), bytes);
        Assert.True(IndexOf(dsn, bytes) > 0, Encoding.UTF8.GetString(dsn));
    }

    [Fact]
    public void Ret_full_over_the_size_limit_falls_back_to_headers()
    {
        var (dsn, bytes) = RoundTrip(Request(DsnReturn.Full, Failed("bob@example.net")), Original, limit: Original.Length - 1);

        var part = Report(dsn)[2];
        Assert.Equal("text/rfc822-headers", part.ContentType.MimeType);
        Assert.True(IndexOf(bytes, OriginalHeaders) > 0);
        Assert.Equal(-1, IndexOf(bytes, "schöne Grüße"u8));
    }

    [Fact]
    public void Ret_full_at_exactly_the_size_limit_is_returned_whole()
    {
        var (dsn, _) = RoundTrip(Request(DsnReturn.Full, Failed("bob@example.net")), Original, limit: Original.Length);

        Assert.IsType<MessagePart>(Report(dsn)[2]);
        Assert.Equal("message/rfc822", Report(dsn)[2].ContentType.MimeType);
    }

    [Theory]
    [InlineData(DsnReturn.Headers)]
    [InlineData(null)]
    public void Ret_hdrs_or_none_returns_the_header_block_only_with_non_ASCII_intact(DsnReturn? ret)
    {
        var (dsn, bytes) = RoundTrip(Request(ret, Failed("bob@example.net")), Original);

        var part = Report(dsn)[2];
        Assert.Equal("text/rfc822-headers", part.ContentType.MimeType);
        Assert.True(IndexOf(bytes, OriginalHeaders) > 0);
        Assert.True(IndexOf(bytes, "Subject: Grüße aus Köln =?utf-8?q?=C2=BD?=  (half)\r\n"u8) > 0);
        Assert.Equal(-1, IndexOf(bytes, "preamble"u8));
        Assert.Equal(-1, IndexOf(bytes, "AAECAwQFBgcICQ=="u8));
    }

    [Fact]
    public void Headers_of_a_message_too_big_to_read_are_taken_from_its_start()
    {
        var big = Original.Concat(Enumerable.Repeat((byte)'x', 3_000_000)).ToArray();
        using var stream = new NonSeekable(big);

        var dsn = Mail.Actors.Bounces.DsnBuilder.Build(Request(DsnReturn.Full, Failed("bob@example.net")), stream, 50_000, Now);

        var bytes = Write(dsn);
        Assert.True(IndexOf(bytes, OriginalHeaders) > 0);
        Assert.True(bytes.Length < 10_000);
        Assert.True(stream.BytesRead < 100_000, $"read {stream.BytesRead} bytes");
    }

    [Fact]
    public void A_message_without_a_body_is_all_headers()
    {
        var headersOnly = Encoding.ASCII.GetBytes("Return-Path: <alice@example.org>\r\nSubject: empty\r\n");

        var (dsn, bytes) = RoundTrip(Request(DsnReturn.Headers, Failed("bob@example.net")), headersOnly);

        Assert.Equal("text/rfc822-headers", Report(dsn)[2].ContentType.MimeType);
        Assert.True(IndexOf(bytes, headersOnly) > 0);
    }

    [Fact]
    public void No_original_no_third_part()
    {
        var (dsn, _) = RoundTrip(Request(DsnReturn.Full, Failed("bob@example.net")), null);

        Assert.Equal(2, Report(dsn).Count);
        Assert.DoesNotContain("attached below", Assert.IsType<TextPart>(Report(dsn)[0]).Text);
    }

    sealed class NonSeekable(byte[] data) : MemoryStream(data)
    {
        public long BytesRead { get; private set; }
        public override bool CanSeek => false;

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = base.Read(buffer, offset, count);
            BytesRead += n;
            return n;
        }

        // MemoryStream subclasses read spans through this overload too.
    }
}
