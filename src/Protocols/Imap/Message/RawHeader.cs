using System.Text;
using MimeKit;
using MimeKit.Utils;

namespace Mail.Protocols.Imap;

/// <summary>
/// Header values as they are in the message: unfolded (CR and LF removed, RFC 5322 2.2.3) and
/// trimmed, but not decoded. ENVELOPE and BODYSTRUCTURE carry these, as Dovecot does: clients
/// decode RFC 2047 themselves, and 8-bit text stays byte for byte.
/// </summary>
internal static class RawHeader
{
    /// The first occurrence's raw value, or null when the header is absent.
    public static byte[]? First(HeaderList headers, string field)
    {
        foreach (var header in headers)
            if (header.Field.Equals(field, StringComparison.OrdinalIgnoreCase))
                return Unfold(header.RawValue);
        return null;
    }

    public static byte[] Unfold(ReadOnlySpan<byte> raw)
    {
        var result = new byte[raw.Length];
        var n = 0;
        foreach (var b in raw)
            if (b is not ((byte)'\r' or (byte)'\n'))
                result[n++] = b;
        var span = result.AsSpan(0, n).Trim(" \t"u8);
        return span.ToArray();
    }

    /// All occurrences, RFC 2047-decoded and unfolded, joined with ", "; null when absent. For SEARCH.
    public static string? Decoded(HeaderList headers, string field)
    {
        StringBuilder? joined = null;
        foreach (var header in headers)
        {
            if (!header.Field.Equals(field, StringComparison.OrdinalIgnoreCase))
                continue;
            joined = joined is null ? new StringBuilder() : joined.Append(", ");
            joined.Append(Rfc2047.DecodeText(Unfold(header.RawValue)));
        }
        return joined?.ToString();
    }

    public static bool HasEightBit(ReadOnlySpan<byte> raw) => raw.IndexOfAnyInRange((byte)0x80, (byte)0xff) >= 0;
}
