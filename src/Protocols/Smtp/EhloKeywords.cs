namespace Mail.Protocols.Smtp;

/// <summary>
/// The EHLO reply: the server name, then one extension keyword per line (RFC 5321 4.1.1.1).
/// The caller chooses what to advertise; this only spells it.
/// </summary>
public static class EhloKeywords
{
    public const string Pipelining = "PIPELINING";          // RFC 2920
    public const string Size = "SIZE";                      // RFC 1870
    public const string EightBitMime = "8BITMIME";          // RFC 6152
    public const string EnhancedStatusCodes = "ENHANCEDSTATUSCODES"; // RFC 2034
    public const string SmtpUtf8 = "SMTPUTF8";              // RFC 6531
    public const string Dsn = "DSN";                        // RFC 3461
    public const string Chunking = "CHUNKING";              // RFC 3030
    public const string BinaryMime = "BINARYMIME";          // RFC 3030
    public const string StartTls = "STARTTLS";              // RFC 3207

    /// <summary>"250-host", then the keywords, the last line with a space.</summary>
    /// <param name="maxMessageSize">Written after <see cref="Size"/> when that keyword is listed;
    /// 0 advertises SIZE without a fixed limit (RFC 1870 section 4).</param>
    /// <param name="keywords">Keywords in the order to send them, each optionally with
    /// parameters ("AUTH PLAIN LOGIN").</param>
    /// <remarks><![CDATA[
    /// ehlo-ok-rsp = ( "250" SP Domain [ SP ehlo-greet ] CRLF )
    ///             / ( "250-" Domain [ SP ehlo-greet ] CRLF *( "250-" ehlo-line CRLF ) "250" SP ehlo-line CRLF )
    /// ]]>
    /// No enhanced status codes: RFC 2034 section 3 leaves the EHLO reply without them.
    /// </remarks>
    public static SmtpReply Reply(string hostname, long maxMessageSize, IEnumerable<string> keywords)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxMessageSize);
        var lines = new List<string> { hostname };
        foreach (var keyword in keywords)
        {
            lines.Add(keyword.Equals(Size, StringComparison.OrdinalIgnoreCase) && maxMessageSize > 0
                ? $"{Size} {maxMessageSize}"
                : keyword);
        }

        return SmtpReply.Lines(250, null, lines);
    }
}
