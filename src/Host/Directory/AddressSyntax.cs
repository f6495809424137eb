using System.Buffers;
using System.Text;

namespace Mail.Host.Directory;

/// <summary>
/// Checks and canonicalises the addresses and domains stored in the directory.
/// Canonical form is all lower case, local part included: RFC 5321 lets the local part
/// be case-sensitive, but admins (and Postfix+MySQL setups with a case-insensitive
/// collation) expect John@ and john@ to be the same mailbox, so we fold it.
/// Only the unquoted dot-atom form is accepted; quoted local parts, address literals
/// ([192.0.2.1]) and raw UTF-8 (SMTPUTF8) are out of scope for stored users.
/// </summary>
public static class AddressSyntax
{
    // RFC 5322 atext; '.' is handled separately (dot-atom).
    private static readonly SearchValues<char> Atext =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~");
    private static readonly SearchValues<char> LdhChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789-");

    /// <summary>The canonical domain, or a DirectoryException (Invalid) saying what is wrong.</summary>
    public static string NormalizeDomain(string domain) =>
        TryNormalizeDomain(domain, out var d, out var error) ? d
            : throw new DirectoryException(DirectoryErrorKind.Invalid, $"'{domain}' is not a valid domain: {error}");

    /// <summary>The canonical "local@domain", or a DirectoryException (Invalid).</summary>
    public static string NormalizeAddress(string address) =>
        TryNormalizeAddress(address, out var a, out var error) ? a
            : throw new DirectoryException(DirectoryErrorKind.Invalid, $"'{address}' is not a valid address: {error}");

    /// <remarks><![CDATA[Domain = sub-domain *("." sub-domain); sub-domain = Let-dig [Ldh-str]]]> (RFC 5321 4.1.2), labels of 1-63 octets, 253 in all.</remarks>
    public static bool TryNormalizeDomain(string? domain, out string normalized, out string error)
    {
        normalized = "";
        if (string.IsNullOrEmpty(domain)) return Fail("it is empty", out error);
        if (domain.Length > 253) return Fail("it is longer than 253 characters", out error);
        if (!Ascii.IsValid(domain)) return Fail("non-ASCII names must be given in their xn-- (IDNA) form", out error);

        var lower = domain.ToLowerInvariant();
        var labels = lower.Split('.');
        foreach (var label in labels)
        {
            if (label.Length == 0) return Fail("it has an empty label (leading, trailing or double dot)", out error);
            if (label.Length > 63) return Fail($"label '{label}' is longer than 63 characters", out error);
            if (label.AsSpan().ContainsAnyExcept(LdhChars))
                return Fail($"label '{label}' may only contain letters, digits and '-'", out error);
            if (label[0] == '-' || label[^1] == '-')
                return Fail($"label '{label}' may not start or end with '-'", out error);
        }
        // An all-numeric last label means an IP address was typed (RFC 3696 section 2).
        if (labels[^1].AsSpan().IndexOfAnyExceptInRange('0', '9') < 0)
            return Fail("the last label is all digits (an IP address is not a mail domain)", out error);

        normalized = lower;
        error = "";
        return true;
    }

    /// <remarks><![CDATA[Mailbox = Dot-string "@" Domain; Dot-string = Atom *("." Atom)]]> (RFC 5321 4.1.2), local part at most 64 octets, 254 in all.</remarks>
    public static bool TryNormalizeAddress(string? address, out string normalized, out string error)
    {
        normalized = "";
        if (string.IsNullOrEmpty(address)) return Fail("it is empty", out error);
        var at = address.LastIndexOf('@');
        if (at < 0) return Fail("it must have the form local@domain", out error);
        if (address.Length > 254) return Fail("it is longer than 254 characters", out error);

        var local = address[..at];
        if (local.Length == 0) return Fail("the part before '@' is empty", out error);
        if (local.Length > 64) return Fail("the part before '@' is longer than 64 characters", out error);
        if (local.Contains('@')) return Fail("it has more than one '@'", out error);
        foreach (var atom in local.Split('.'))
        {
            if (atom.Length == 0) return Fail("the part before '@' has a leading, trailing or double dot", out error);
            if (atom.AsSpan().ContainsAnyExcept(Atext))
                return Fail("the part before '@' may not contain spaces, quotes, brackets, commas or non-ASCII", out error);
        }

        if (!TryNormalizeDomain(address[(at + 1)..], out var domain, out var domainError))
            return Fail($"the domain part is invalid ({domainError})", out error);

        normalized = local.ToLowerInvariant() + "@" + domain;
        error = "";
        return true;
    }

    /// <summary>The domain of a canonical address.</summary>
    public static string DomainOf(string normalizedAddress) =>
        normalizedAddress[(normalizedAddress.LastIndexOf('@') + 1)..];

    private static bool Fail(string reason, out string error)
    {
        error = reason;
        return false;
    }
}
