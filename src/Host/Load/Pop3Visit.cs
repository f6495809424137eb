using System.Buffers.Text;

namespace Mail.Host.Load;

/// <summary>
/// One POP3 visit (RFC 1939): greeting, USER/PASS, STAT, UIDL, RETR of every message (DELE
/// after each with --delete), QUIT. Commands go one at a time: POP3 has no pipelining unless
/// the server announces it (RFC 2449), and the mailbox read is what we measure.
/// </summary>
public static class Pop3Visit
{
    public static async Task<VisitOutcome> RunAsync(LoadConnection c, LoadUser user, bool delete, SessionStats stats)
    {
        if (!await OkAsync(c, null))
            return Err;
        if (!await OkAsync(c, $"USER {user.Name}") || !await OkAsync(c, $"PASS {user.Password}"))
            return Err;
        c.Append("STAT\r\n");
        await c.FlushAsync();
        var stat = await c.LineAsync();
        if (!IsOk(stat.Span) || !Utf8Parser.TryParse(stat.Span[4..], out int count, out _))
            return Err;
        if (!await OkAsync(c, "UIDL") || await SkipMultilineAsync(c) < 0)
            return Err;
        for (var n = 1; n <= count; n++)
        {
            if (!await OkAsync(c, $"RETR {n}"))
                return Err;
            stats.FetchedBytes += await SkipMultilineAsync(c);
            stats.FetchedMessages++;
            if (delete && !await OkAsync(c, $"DELE {n}"))
                return Err;
        }
        return await OkAsync(c, "QUIT") ? new VisitOutcome("+OK", true) : Err;
    }

    private static readonly VisitOutcome Err = new("-ERR", false);

    /// Sends <paramref name="command"/> (none: reads the greeting) and says whether "+OK" came back.
    private static async Task<bool> OkAsync(LoadConnection c, string? command)
    {
        if (command is not null)
        {
            c.Append(command);
            c.Append("\r\n"u8);
            await c.FlushAsync();
        }
        var line = await c.LineAsync();
        return IsOk(line.Span) || (line.Span.StartsWith("-ERR"u8) ? false : throw new IOException("malformed POP3 reply"));
    }

    private static bool IsOk(ReadOnlySpan<byte> line) => line.StartsWith("+OK"u8);

    /// Reads the lines of a multi-line answer up to the lone ".", returning their bytes with CRLF.
    private static async Task<long> SkipMultilineAsync(LoadConnection c)
    {
        long bytes = 0;
        while (true)
        {
            var line = await c.LineAsync();
            if (line.Length == 1 && line.Span[0] == (byte)'.')
                return bytes;
            bytes += line.Length + 2;
        }
    }
}
