using System.Text;

namespace Mail.Host.Directory;

/// <summary>
/// The "base64" of Unix crypt(3): its own alphabet, little-endian 6-bit groups, and a
/// per-algorithm byte shuffle. It is not RFC 4648 base64, so Convert.ToBase64String
/// cannot be used.
/// </summary>
internal static class CryptBase64
{
    /// <summary>Salt characters and output digits, in crypt(3) order.</summary>
    public const string Alphabet = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>Encodes a 64-byte SHA-512 digest into 86 characters.</summary>
    /// <remarks>
    /// Drepper's spec lists 21 triples (0,21,42), (22,43,1), (44,2,23), ... then (63) alone.
    /// They follow a = 22k mod 63, b = a+21, c = a+42 (mod 63), which is what the loop does.
    /// </remarks>
    public static void AppendSha512(StringBuilder sb, ReadOnlySpan<byte> d)
    {
        for (var k = 0; k < 21; k++)
        {
            var a = k * 22 % 63;
            Append24(sb, d[a], d[(a + 21) % 63], d[(a + 42) % 63], 4);
        }
        Append24(sb, 0, 0, d[63], 2);
    }

    /// <summary>Encodes a 32-byte SHA-256 digest into 43 characters.</summary>
    /// <remarks>Triples (0,10,20), (21,1,11), (12,22,2), ...: a = 21k mod 30; then (0,31,30).</remarks>
    public static void AppendSha256(StringBuilder sb, ReadOnlySpan<byte> d)
    {
        for (var k = 0; k < 10; k++)
        {
            var a = k * 21 % 30;
            Append24(sb, d[a], d[(a + 10) % 30], d[(a + 20) % 30], 4);
        }
        Append24(sb, 0, d[31], d[30], 3);
    }

    // b64_from_24bit in the reference code: least significant 6 bits first.
    private static void Append24(StringBuilder sb, byte b2, byte b1, byte b0, int chars)
    {
        var w = (b2 << 16) | (b1 << 8) | b0;
        for (var i = 0; i < chars; i++)
        {
            sb.Append(Alphabet[w & 0x3f]);
            w >>= 6;
        }
    }
}
