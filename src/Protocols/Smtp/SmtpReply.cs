namespace Mail.Protocols.Smtp;

/// <summary>
/// One SMTP reply: a three-digit code, an optional RFC 3463 enhanced status code and the
/// human text. Multi-line replies (EHLO, HELP) carry the following lines in <see cref="More"/>.
/// </summary>
/// <remarks>
/// Equality compares <see cref="More"/> element by element, so tests and sessions can
/// compare replies by value even though the list itself is a reference type.
/// <![CDATA[
/// Reply-line = *( Reply-code "-" [ textstring ] CRLF ) Reply-code [ SP textstring ] CRLF
/// ]]>
/// </remarks>
public sealed partial record SmtpReply(int Code, string? Enhanced, string Text)
{
    public int Code { get; init; } = Code is >= 200 and <= 599
        ? Code
        : throw new ArgumentOutOfRangeException(nameof(Code), Code, "SMTP reply codes are 2xx to 5xx.");

    // A CR or LF in reply text would let a caller (or a client echoed into it) inject reply lines.
    public string Text { get; init; } = CheckLine(Text, nameof(Text));

    public string? Enhanced { get; init; } = Enhanced is null ? null : CheckLine(Enhanced, nameof(Enhanced));

    /// <summary>Lines after <see cref="Text"/>; empty for a one-line reply.</summary>
    public IReadOnlyList<string> More { get; init; } = [];

    /// <summary>A multi-line reply; <paramref name="enhanced"/>, when given, prefixes every line (RFC 2034).</summary>
    public static SmtpReply Lines(int code, string? enhanced, IReadOnlyList<string> lines)
    {
        if (lines.Count == 0)
        {
            throw new ArgumentException("A reply has at least one line.", nameof(lines));
        }

        var more = new string[lines.Count - 1];
        for (var i = 1; i < lines.Count; i++)
        {
            more[i - 1] = CheckLine(lines[i], nameof(lines));
        }

        return new SmtpReply(code, enhanced, lines[0]) { More = more };
    }

    public bool IsPositive => Code < 400;

    public bool IsTransientFailure => Code is >= 400 and < 500;

    public bool IsPermanentFailure => Code >= 500;

    /// <summary>The reply as sent: "250 2.0.0 Ok\r\n", or "250-a\r\n250 b\r\n" for several lines.</summary>
    public string ToWire()
    {
        var wire = new System.Text.StringBuilder();
        AppendLine(wire, Text, last: More.Count == 0);
        for (var i = 0; i < More.Count; i++)
        {
            AppendLine(wire, More[i], last: i == More.Count - 1);
        }

        return wire.ToString();
    }

    public bool Equals(SmtpReply? other) =>
        other is not null
        && Code == other.Code
        && Enhanced == other.Enhanced
        && Text == other.Text
        && More.SequenceEqual(other.More);

    public override int GetHashCode() => HashCode.Combine(Code, Enhanced, Text, More.Count);

    public override string ToString() => ToWire().TrimEnd('\r', '\n');

    private void AppendLine(System.Text.StringBuilder wire, string line, bool last)
    {
        var body = Enhanced is null ? line : line.Length == 0 ? Enhanced : $"{Enhanced} {line}";
        wire.Append(Code);
        // "250" alone is a legal last line; "250 " with nothing after it is not useful.
        if (body.Length > 0 || !last)
        {
            wire.Append(last ? ' ' : '-').Append(body);
        }

        wire.Append("\r\n");
    }

    private static string CheckLine(string text, string name) =>
        text.AsSpan().IndexOfAny('\r', '\n') < 0
            ? text
            : throw new ArgumentException("Reply text must not contain CR or LF.", name);
}
