using System.Text;
using Mail.Actors.Bounces;
using Mail.Protocols.Smtp;
using MimeKit;

namespace Mail.Actors.Tests.Bounces;

/// Requests, originals and the write/re-parse round trip shared by the DSN tests.
internal static class Dsns
{
    public static readonly DateTimeOffset Arrived = new(2026, 11, 26, 20, 55, 39, TimeSpan.Zero);
    public static readonly DateTimeOffset Attempted = Arrived.AddHours(4);
    public static readonly DateTimeOffset Now = Attempted.AddMinutes(1);
    public static readonly DateTimeOffset RetryUntil = Arrived.AddDays(5);

    // As stored: our trace first, then the client's message with a raw UTF-8 (SMTPUTF8) subject.
    public static readonly byte[] Original = Encoding.UTF8.GetBytes(
        "Return-Path: <alice@example.org>\r\n" +
        "Received: from client.example.org (client.example.org [192.0.2.1])\r\n" +
        "\tby mx.example.com (maild) with ESMTP id 0123456789ABCDEF\r\n" +
        "\tfor <bob@example.net>; Thu, 26 Nov 2026 20:55:39 +0000\r\n" +
        "From: Alice <alice@example.org>\r\n" +
        "To: bob@example.net, carol@example.net\r\n" +
        "Subject: Grüße aus Köln =?utf-8?q?=C2=BD?=  (half)\r\n" +
        "Message-ID: <m1@example.org>\r\n" +
        "MIME-Version: 1.0\r\n" +
        "Content-Type: multipart/mixed; boundary=\"b1\"\r\n" +
        "\r\n" +
        "preamble\r\n" +
        "--b1\r\n" +
        "Content-Type: text/plain; charset=utf-8\r\n" +
        "Content-Transfer-Encoding: 8bit\r\n" +
        "\r\n" +
        "Hallo Bob,\r\nschöne Grüße.\r\n" +
        "--b1\r\n" +
        "Content-Type: application/octet-stream\r\n" +
        "Content-Transfer-Encoding: base64\r\n" +
        "\r\n" +
        "AAECAwQFBgcICQ==\r\n" +
        "--b1--\r\n");

    public static readonly byte[] OriginalHeaders = Original[..(IndexOf(Original, "\r\n\r\n"u8) + 2)];

    public static DsnRecipient Failed(string address, string diagnostic = "550 5.1.1 <bob@example.net>: Recipient address rejected: User unknown", OriginalRecipient? orcpt = null) =>
        new(address, orcpt, DsnAction.Failed, "5.1.1", diagnostic, "mx.example.net", Attempted);

    public static DsnRecipient Delayed(string address) =>
        new(address, null, DsnAction.Delayed, "4.4.1", "451 4.4.1 Try again later", "mx.example.net", Attempted, RetryUntil);

    public static DsnRecipient Delivered(string address) =>
        new(address, null, DsnAction.Delivered, "2.0.0", "250 2.0.0 Ok: queued as 4ABC", "mx.example.net", Attempted);

    public static DsnRequest Request(DsnReturn? ret, params DsnRecipient[] recipients) =>
        new("mx.example.com", "0123456789ABCDEF", "alice@example.org", null, ret, Arrived, recipients);

    public static byte[] Write(MimeMessage message)
    {
        using var stream = new MemoryStream();
        message.WriteTo(new FormatOptions { NewLineFormat = NewLineFormat.Dos }, stream);
        return stream.ToArray();
    }

    /// Builds, writes with CRLF and parses back: the tests look only at what a receiver would see.
    public static (MimeMessage Parsed, byte[] Bytes) RoundTrip(DsnRequest request, byte[]? original, long limit = 50_000)
    {
        using var stream = original is null ? null : new MemoryStream(original);
        var bytes = Write(DsnBuilder.Build(request, stream, limit, Now));
        return (MimeMessage.Load(new MemoryStream(bytes)), bytes);
    }

    public static MultipartReport Report(MimeMessage message) => Assert.IsType<MultipartReport>(message.Body);

    public static MessageDeliveryStatus Status(MimeMessage message) =>
        Assert.IsType<MessageDeliveryStatus>(Report(message)[1]);

    public static int IndexOf(byte[] haystack, ReadOnlySpan<byte> needle) => haystack.AsSpan().IndexOf(needle);
}
