using System.Security.Cryptography;
using System.Text;

namespace Mail.Host.Directory;

/// <summary>
/// Password hashes in Dovecot's "{SCHEME}data" notation, so a Dovecot passdb (or a
/// courier/MySQL table converted to it) can be imported as is, and our hashes can be
/// handed back to Dovecot if needed. New hashes are always SHA512-CRYPT, 5000 rounds.
/// </summary>
public static class PasswordHasher
{
    public const string Sha512Crypt = "SHA512-CRYPT";
    public const string Sha256Crypt = "SHA256-CRYPT";
    /// <summary>Accepted on verify so imported plaintext works; never produced.</summary>
    public const string Plain = "PLAIN";

    /// <summary>"{SHA512-CRYPT}$6$&lt;16-char salt&gt;$&lt;86-char hash&gt;".</summary>
    public static string Hash(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        // 16 characters of a 64-letter alphabet = 96 bits; GetString picks uniformly.
        var salt = RandomNumberGenerator.GetString(CryptBase64.Alphabet, ShaCrypt.MaxSaltLength);
        return "{" + Sha512Crypt + "}" + ShaCrypt.Crypt(password, "$6$" + salt);
    }

    /// <summary>
    /// True when <paramref name="password"/> matches <paramref name="stored"/>. Malformed
    /// or unknown stored values give false rather than an exception: a bad row must lock
    /// out one user, not crash the session that looked it up.
    /// </summary>
    public static bool Verify(string password, string stored)
    {
        if (password is null || stored is null || !TrySplit(stored, out var scheme, out var data))
            return false;

        // Scheme names are case-insensitive in Dovecot ("{sha512-crypt}" works there).
        if (scheme.Equals(Sha512Crypt, StringComparison.OrdinalIgnoreCase))
            return VerifyCrypt(password, data, "$6$");
        if (scheme.Equals(Sha256Crypt, StringComparison.OrdinalIgnoreCase))
            return VerifyCrypt(password, data, "$5$");
        if (scheme.Equals(Plain, StringComparison.OrdinalIgnoreCase))
            return FixedTimeEquals(password, data);
        return false;
    }

    private static bool TrySplit(string stored, out string scheme, out string data)
    {
        scheme = data = "";
        if (!stored.StartsWith('{')) return false;
        var close = stored.IndexOf('}');
        if (close < 2) return false;
        scheme = stored[1..close];
        data = stored[(close + 1)..];
        return true;
    }

    private static bool VerifyCrypt(string password, string data, string prefix)
    {
        // The scheme and the $id$ must agree, or "{SHA256-CRYPT}$6$..." would verify.
        if (!data.StartsWith(prefix, StringComparison.Ordinal)) return false;
        // The stored hash is its own setting: crypt() stops reading the salt at the '$'.
        var computed = ShaCrypt.Crypt(password, data);
        return computed is not null && FixedTimeEquals(computed, data);
    }

    // Constant time over the content; only the length can leak, and for crypt strings
    // the length is public anyway.
    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
