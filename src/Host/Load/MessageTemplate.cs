using System.Globalization;
using System.Text;

namespace Mail.Host.Load;

/// <summary>
/// The bytes smtp-source sends, built once per run so that the send loop only copies them:
/// the MAIL and (without -N) RCPT command lines, and the payload. Only the header block
/// (Date, Message-Id) is written per message. Recipient names follow smtp-source exactly:
/// with -N every recipient gets the next number of a run-wide sequence ("1foo@x", "2foo@x"...);
/// without it, a message with -r R recipients numbers them R, R-1, ..., 2 and sends the last
/// one as given ("3foo@x", "2foo@x", "foo@x").
/// </summary>
public sealed class MessageTemplate
{
    private readonly SourceOptions _options;
    private readonly byte[][] _fixedRecipients;

    public MessageTemplate(SourceOptions options)
    {
        _options = options;
        MailFrom = Ascii($"MAIL FROM:<{options.Sender}>\r\n");
        _fixedRecipients = [.. Enumerable.Range(0, options.RecipientsPerMessage).Select(i => Ascii(RcptLine(RecipientName(options.Recipient, options.RecipientsPerMessage - i, null))))];
        Payload = Ascii(Body(options.Size) + ".\r\n");
    }

    public static ReadOnlyMemory<byte> Data { get; } = "DATA\r\n"u8.ToArray();

    public byte[] MailFrom { get; }

    /// Body lines, already ended by the "." line; no line starts with a dot, so none needs stuffing.
    public byte[] Payload { get; }

    /// The recipient of position <paramref name="remaining"/> (R down to 1) in one message, or
    /// the <paramref name="unique"/>-th of the run with -N.
    public static string RecipientName(string recipient, int remaining, long? unique) =>
        unique is { } n ? string.Create(CultureInfo.InvariantCulture, $"{n}{recipient}")
        : remaining > 1 ? string.Create(CultureInfo.InvariantCulture, $"{remaining}{recipient}")
        : recipient;

    /// The RCPT line for position <paramref name="index"/> (0-based); <paramref name="nextUnique"/>
    /// hands out -N's run-wide numbers.
    public ReadOnlyMemory<byte> Rcpt(int index, Func<long> nextUnique) =>
        _options.UniqueRecipients
            ? Ascii(RcptLine(RecipientName(_options.Recipient, _options.RecipientsPerMessage - index, nextUnique())))
            : _fixedRecipients[index];

    /// smtp-source's headers: From, To, Date, Message-Id (pid.session.message@myhostname), Subject with -S.
    public string Headers(int session, long message, DateTimeOffset now)
    {
        var subject = _options.Subject is { } s ? $"Subject: {s}\r\n" : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"From: <{_options.Sender}>\r\nTo: <{_options.Recipient}>\r\nDate: {now:ddd, dd MMM yyyy HH:mm:ss} +0000\r\nMessage-Id: <{Environment.ProcessId:x}.{session:x4}.{message:x4}@{_options.MyHostname}>\r\n{subject}\r\n");
    }

    /// -l N: N payload bytes (CRLF not counted) in lines of 80, each full line led by its line
    /// number's last digit, like smtp-source; without -l its four "La de da" lines.
    public static string Body(int? size)
    {
        if (size is not { } length)
            return "La de da de da 1.\r\nLa de da de da 2.\r\nLa de da de da 3.\r\nLa de da de da 4.\r\n";
        var body = new StringBuilder(length + (length / 80 + 1) * 2);
        for (var line = 1; length > 0; line++)
        {
            var n = Math.Min(80, length);
            if (n == 80)
                body.Append((char)('0' + line % 10)).Append('X', 79);
            else
                body.Append('X', n);
            body.Append("\r\n");
            length -= n;
        }
        return body.ToString();
    }

    private static string RcptLine(string address) => $"RCPT TO:<{address}>\r\n";

    private static byte[] Ascii(string s) => Encoding.UTF8.GetBytes(s);
}
