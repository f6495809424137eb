using System.Buffers.Text;
using System.Text;

namespace Mail.Host.Load;

/// <summary>
/// One IMAP visit (RFC 9051 / 3501): greeting, LOGIN, SELECT INBOX, UID FETCH 1:* BODY.PEEK[]
/// when the mailbox is not empty (each message arrives as a literal, skipped as it is read),
/// with --delete UID STORE 1:* +FLAGS.SILENT (\Deleted) and EXPUNGE, then LOGOUT.
/// </summary>
public static class ImapVisit
{
    public static async Task<VisitOutcome> RunAsync(LoadConnection c, LoadUser user, bool delete, SessionStats stats)
    {
        var greeting = await c.LineAsync();
        if (!greeting.Span.StartsWith("* OK"u8) && !greeting.Span.StartsWith("* PREAUTH"u8))
            return new VisitOutcome("BAD", false);
        var exists = 0;
        var status = await CommandAsync(c, "a1", $"LOGIN {Quoted(user.Name)} {Quoted(user.Password)}", null);
        if (status != "OK")
            return new VisitOutcome(status, false);
        status = await CommandAsync(c, "a2", "SELECT INBOX", (line, _) => exists = Exists(line) ?? exists);
        if (status != "OK")
            return new VisitOutcome(status, false);
        if (exists > 0)
        {
            status = await CommandAsync(c, "a3", "UID FETCH 1:* BODY.PEEK[]", (line, literal) =>
            {
                if (line.Span.IndexOf("BODY[]"u8) < 0)
                    return;
                stats.FetchedMessages++;
                stats.FetchedBytes += literal;
            });
            if (status != "OK")
                return new VisitOutcome(status, false);
            if (delete)
            {
                status = await CommandAsync(c, "a4", "UID STORE 1:* +FLAGS.SILENT (\\Deleted)", null);
                if (status == "OK")
                    status = await CommandAsync(c, "a5", "EXPUNGE", null);
                if (status != "OK")
                    return new VisitOutcome(status, false);
            }
        }
        status = await CommandAsync(c, "a6", "LOGOUT", null);
        return new VisitOutcome(status, status == "OK");
    }

    /// Sends one tagged command and reads up to its tagged reply; every untagged response is
    /// handed to <paramref name="untagged"/> with the size of the literal it carried (0: none).
    private static async Task<string> CommandAsync(LoadConnection c, string tag, string command, Action<ReadOnlyMemory<byte>, long>? untagged)
    {
        c.Append($"{tag} {command}\r\n");
        await c.FlushAsync();
        var tagBytes = Encoding.ASCII.GetBytes(tag + " ");
        while (true)
        {
            var line = await c.LineAsync();
            if (line.Span.StartsWith(tagBytes))
                return Status(line.Span[tagBytes.Length..]);
            var first = line.Span.StartsWith("* "u8) ? line.ToArray() : null;
            long literals = 0;
            // A line that ends in {n} continues after n raw bytes (RFC 9051 section 4.3).
            while (LiteralSize(line.Span) is { } size)
            {
                literals += size;
                await c.SkipAsync(size);
                line = await c.LineAsync();
            }
            if (first is not null)
                untagged?.Invoke(first, literals);
        }
    }

    private static string Status(ReadOnlySpan<byte> rest) =>
        rest.StartsWith("OK"u8) ? "OK" : rest.StartsWith("NO"u8) ? "NO" : rest.StartsWith("BAD"u8) ? "BAD" : throw new IOException("malformed IMAP status");

    /// "{123}" or "{123+}" at the end of a line.
    public static long? LiteralSize(ReadOnlySpan<byte> line)
    {
        if (line.Length < 3 || line[^1] != (byte)'}')
            return null;
        var open = line.LastIndexOf((byte)'{');
        if (open < 0)
            return null;
        var digits = line[(open + 1)..^1];
        if (digits.Length > 0 && digits[^1] == (byte)'+')
            digits = digits[..^1];
        return Utf8Parser.TryParse(digits, out long size, out var used) && used == digits.Length && size >= 0 ? size : null;
    }

    /// "* 12 EXISTS" → 12.
    public static int? Exists(ReadOnlyMemory<byte> line)
    {
        var span = line.Span;
        if (!span.StartsWith("* "u8) || !span.EndsWith(" EXISTS"u8))
            return null;
        return Utf8Parser.TryParse(span[2..^7], out int n, out var used) && used == span.Length - 9 ? n : null;
    }

    public static string Quoted(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
