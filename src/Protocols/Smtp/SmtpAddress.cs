namespace Mail.Protocols.Smtp;

/// <summary>
/// An envelope mailbox, local part unquoted (as meant, not as written) and domain as sent.
/// Named apart from MimeKit's MailboxAddress, which models header addresses.
/// </summary>
/// <remarks>
/// <see cref="Domain"/> keeps its brackets for address literals ("[127.0.0.1]",
/// "[IPv6:::1]") and is empty only for RFC 5321's bare "&lt;Postmaster&gt;" recipient, whose
/// local part is then normalised to "postmaster". Comparing domains (case, IDNA) is the caller's job.
/// </remarks>
public sealed record SmtpAddress(string LocalPart, string Domain)
{
    /// <summary>The domain-less recipient RFC 5321 4.1.1.3 requires every server to accept.</summary>
    public static SmtpAddress Postmaster { get; } = new("postmaster", "");

    public bool IsAddressLiteral => Domain.StartsWith('[');

    public bool HasDomain => Domain.Length > 0;

    /// <summary>True when either part holds non-ASCII text, which needs SMTPUTF8 (RFC 6531).</summary>
    public bool IsInternational => !System.Text.Ascii.IsValid(LocalPart) || !System.Text.Ascii.IsValid(Domain);

    /// <summary>The canonical "local@domain", quoting the local part only when it is not a dot-string.</summary>
    public override string ToString()
    {
        var local = SmtpChars.IsDotString(LocalPart) ? LocalPart : Quote(LocalPart);
        return HasDomain ? $"{local}@{Domain}" : local;
    }

    private static string Quote(string localPart) =>
        "\"" + localPart.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
