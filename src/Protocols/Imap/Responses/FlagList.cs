namespace Mail.Protocols.Imap;

/// <summary>flag-list (RFC 3501 9): "(\Seen $Label1)". Flags are atoms; anything else was refused when stored.</summary>
public static class FlagList
{
    public static void Write(ImapWriter writer, IEnumerable<string> flags)
    {
        writer.Byte((byte)'(');
        var first = true;
        foreach (var flag in flags)
        {
            if (!first)
                writer.Byte((byte)' ');
            writer.Ascii(flag);
            first = false;
        }
        writer.Byte((byte)')');
    }

    public static string Render(IEnumerable<string> flags)
    {
        var writer = new ImapWriter();
        Write(writer, flags);
        return writer.ToString();
    }
}
