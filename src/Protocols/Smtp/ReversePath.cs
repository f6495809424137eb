namespace Mail.Protocols.Smtp;

/// <summary>
/// The MAIL FROM path: either the null sender "&lt;&gt;" (bounces, RFC 5321 4.5.5) or a mailbox.
/// </summary>
public sealed record ReversePath
{
    public static ReversePath Null { get; } = new((SmtpAddress?)null);

    private ReversePath(SmtpAddress? address) => Address = address;

    /// <summary>The sender, or null for the null reverse-path.</summary>
    public SmtpAddress? Address { get; }

    public bool IsNull => Address is null;

    public static ReversePath Of(SmtpAddress address) => new(address ?? throw new ArgumentNullException(nameof(address)));

    /// <summary>"&lt;&gt;" or "&lt;local@domain&gt;", as written in a MAIL command or a Return-Path header.</summary>
    public override string ToString() => $"<{Address}>";
}
