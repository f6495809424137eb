using System.Text;

namespace Mail.Protocols.Imap;

public enum ImapStatus { Ok, No, Bad, PreAuth, Bye }

/// <summary>
/// resp-cond-state / resp-cond-bye (RFC 3501 7.1): "tag OK [CODE] text" or "* NO text".
/// The human text is the server's own (never echoed client input, which could carry CRLF); any
/// CR or LF in it is replaced so that one status is always one line.
/// </summary>
public static class StatusResponse
{
    public static byte[] Tagged(string tag, ImapStatus status, string text, ResponseCode? code = null) =>
        Line(tag, status, text, code);

    public static byte[] Untagged(ImapStatus status, string text, ResponseCode? code = null) =>
        Line("*", status, text, code);

    /// "+ text": a command continuation request.
    public static byte[] Continuation(string text = "Ready") => Encoding.UTF8.GetBytes("+ " + OneLine(text) + "\r\n");

    public static string Keyword(ImapStatus status) => status switch
    {
        ImapStatus.Ok => "OK",
        ImapStatus.No => "NO",
        ImapStatus.Bad => "BAD",
        ImapStatus.PreAuth => "PREAUTH",
        ImapStatus.Bye => "BYE",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    private static byte[] Line(string tag, ImapStatus status, string text, ResponseCode? code)
    {
        var line = new StringBuilder(tag.Length + text.Length + 32);
        line.Append(tag).Append(' ').Append(Keyword(status)).Append(' ');
        if (code is not null)
            line.Append('[').Append(OneLine(code.Text)).Append("] ");
        // text = 1*TEXT-CHAR: never empty.
        line.Append(text.Length == 0 ? Keyword(status).ToLowerInvariant() : OneLine(text)).Append("\r\n");
        return Encoding.UTF8.GetBytes(line.ToString());
    }

    private static string OneLine(string text) =>
        text.Contains('\r') || text.Contains('\n') ? text.Replace('\r', ' ').Replace('\n', ' ') : text;
}
