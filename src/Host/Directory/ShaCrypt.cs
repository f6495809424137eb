using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Mail.Host.Directory;

/// <summary>
/// SHA-256-crypt ($5$) and SHA-512-crypt ($6$), as specified in Ulrich Drepper's
/// "Unix crypt using SHA-256 and SHA-512" and implemented by glibc's crypt(3). Written
/// here because no package offers it, and hashes must stay interchangeable with
/// Dovecot, Postfix-admin tools and /etc/shadow.
/// </summary>
public static class ShaCrypt
{
    public const int DefaultRounds = 5000;
    public const int MinRounds = 1000;
    public const int MaxRounds = 999_999_999;
    public const int MaxSaltLength = 16;
    private const string RoundsPrefix = "rounds=";

    /// <summary>
    /// crypt(password, setting) where setting is "$5$" or "$6$", an optional "rounds=N$",
    /// and a salt that ends at the next '$' (so a full stored hash is a valid setting,
    /// which is how verification works). Returns null for any other setting.
    /// </summary>
    /// <remarks>
    /// Like the spec (and unlike newer libxcrypt, which refuses), rounds outside
    /// [1000, 999999999] are clamped, and a salt longer than 16 characters is cut.
    /// </remarks>
    public static string? Crypt(string password, string setting)
    {
        bool sha512;
        if (setting.StartsWith("$6$", StringComparison.Ordinal)) sha512 = true;
        else if (setting.StartsWith("$5$", StringComparison.Ordinal)) sha512 = false;
        else return null;

        var rest = setting.AsSpan(3);
        var rounds = DefaultRounds;
        var customRounds = false;
        if (rest.StartsWith(RoundsPrefix, StringComparison.Ordinal))
        {
            var digits = rest[RoundsPrefix.Length..];
            var end = digits.IndexOf('$');
            if (end > 0 && ulong.TryParse(digits[..end], NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                rounds = (int)Math.Clamp(n, MinRounds, MaxRounds);
                customRounds = true;
                rest = digits[(end + 1)..];
            }
        }

        var saltEnd = rest.IndexOf('$');
        var salt = saltEnd < 0 ? rest : rest[..saltEnd];
        if (salt.Length > MaxSaltLength) salt = salt[..MaxSaltLength];
        // Our salts are ASCII; refusing anything else keeps "16 characters" equal to
        // "16 bytes" as in the C code. Such a stored hash simply never verifies.
        if (!Ascii.IsValid(salt)) return null;

        var digest = Compute(
            Encoding.UTF8.GetBytes(password),
            Encoding.ASCII.GetBytes(salt.ToString()),
            rounds,
            sha512 ? HashAlgorithmName.SHA512 : HashAlgorithmName.SHA256);

        var sb = new StringBuilder(sha512 ? "$6$" : "$5$", 128);
        if (customRounds) sb.Append(RoundsPrefix).Append(rounds.ToString(CultureInfo.InvariantCulture)).Append('$');
        sb.Append(salt).Append('$');
        if (sha512) CryptBase64.AppendSha512(sb, digest);
        else CryptBase64.AppendSha256(sb, digest);
        return sb.ToString();
    }

    /// <summary>Steps 1-21 of the spec; the step numbers below refer to it.</summary>
    private static byte[] Compute(byte[] p, byte[] s, int rounds, HashAlgorithmName algorithm)
    {
        using var h = IncrementalHash.CreateHash(algorithm);

        // Digest B = H(P S P).
        h.AppendData(p); h.AppendData(s); h.AppendData(p);
        var b = h.GetHashAndReset();

        // Digest A = H(P S, B repeated to |P| bytes, then B or P for each bit of |P|).
        h.AppendData(p); h.AppendData(s);
        AppendCycled(h, b, p.Length);
        for (var n = p.Length; n > 0; n >>= 1) h.AppendData((n & 1) != 0 ? b : p);
        var a = h.GetHashAndReset();

        // Byte sequence P: H(P repeated |P| times), cycled to |P| bytes.
        for (var i = 0; i < p.Length; i++) h.AppendData(p);
        var pSeq = Cycle(h.GetHashAndReset(), p.Length);

        // Byte sequence S: H(S repeated 16 + A[0] times), cycled to |S| bytes.
        for (var i = 0; i < 16 + a[0]; i++) h.AppendData(s);
        var sSeq = Cycle(h.GetHashAndReset(), s.Length);

        // The rounds: the costly part, so no allocation inside the loop.
        for (var r = 0; r < rounds; r++)
        {
            var odd = (r & 1) != 0;
            h.AppendData(odd ? pSeq : a);
            if (r % 3 != 0) h.AppendData(sSeq);
            if (r % 7 != 0) h.AppendData(pSeq);
            h.AppendData(odd ? a : pSeq);
            h.GetHashAndReset(a);
        }

        // Intermediate values derive from the password; don't leave them on the heap.
        CryptographicOperations.ZeroMemory(b);
        CryptographicOperations.ZeroMemory(pSeq);
        CryptographicOperations.ZeroMemory(p);
        return a;
    }

    private static void AppendCycled(IncrementalHash h, byte[] block, int length)
    {
        for (; length > block.Length; length -= block.Length) h.AppendData(block);
        h.AppendData(block, 0, length);
    }

    private static byte[] Cycle(byte[] block, int length)
    {
        var result = new byte[length];
        for (var i = 0; i < length; i += block.Length)
            block.AsSpan(0, Math.Min(block.Length, length - i)).CopyTo(result.AsSpan(i));
        CryptographicOperations.ZeroMemory(block);
        return result;
    }
}
