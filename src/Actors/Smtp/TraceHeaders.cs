using System.Globalization;
using System.Net;
using System.Text;

namespace Mail.Actors.Smtp;

/// <summary>
/// The trace lines put in front of every accepted message (RFC 5321 4.4): Return-Path with
/// the envelope sender, and a Received line in Postfix's layout. The "for" clause appears only
/// for a single recipient, so one copy of a message never reveals the other (Bcc) recipients.
/// </summary>
public static class TraceHeaders
{
    public static byte[] Build(
        string? returnPath,
        string heloName,
        IPAddress client,
        string hostname,
        string protocol,
        string queueId,
        string? singleRecipient,
        DateTimeOffset now,
        string? tls = null)
    {
        var sb = new StringBuilder(256);
        sb.Append("Return-Path: <").Append(returnPath).Append(">\r\n");
        sb.Append("Received: from ").Append(heloName)
          .Append(" (unknown [").Append(client.IsIPv4MappedToIPv6 ? client.MapToIPv4() : client).Append("])\r\n");
        if (tls is not null)
            sb.Append("\t(using ").Append(tls).Append(")\r\n"); // Postfix's layout
        sb.Append("\tby ").Append(hostname).Append(" (maild) with ").Append(protocol).Append(" id ").Append(queueId);
        if (singleRecipient is not null)
            sb.Append("\r\n\tfor <").Append(singleRecipient).Append('>');
        sb.Append("; ").Append(Rfc5322Date(now)).Append("\r\n");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    /// RFC 5322 3.3 date-time, e.g. "Thu, 26 Nov 2026 20:55:39 +0000".
    public static string Rfc5322Date(DateTimeOffset t)
    {
        var offset = t.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        offset = offset.Duration();
        return t.ToString("ddd, d MMM yyyy HH:mm:ss ", CultureInfo.InvariantCulture)
            + sign + offset.Hours.ToString("00", CultureInfo.InvariantCulture) + offset.Minutes.ToString("00", CultureInfo.InvariantCulture);
    }
}
