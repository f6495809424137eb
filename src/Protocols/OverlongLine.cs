namespace Mail.Protocols;

/// <summary>
/// After a command line was refused as too long, the rest of it is thrown away up to its LF
/// without being buffered. Shared by the line-based receivers (SMTP, POP3).
/// </summary>
public static class OverlongLine
{
    /// <summary>
    /// While <paramref name="discarding"/>, drops input up to and including the next LF.
    /// Returns false when the whole input was dropped (more is needed); otherwise
    /// <paramref name="input"/> starts at the next line and <paramref name="skipped"/> says how
    /// many bytes were dropped before it.
    /// </summary>
    public static bool SkipRest(ref ReadOnlySpan<byte> input, ref bool discarding, out int skipped)
    {
        skipped = 0;
        if (!discarding)
            return true;
        var end = input.IndexOf((byte)'\n');
        if (end < 0)
        {
            skipped = input.Length;
            return false;
        }
        discarding = false;
        skipped = end + 1;
        input = input[skipped..];
        return true;
    }
}
