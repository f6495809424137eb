namespace Mail.Protocols.Smtp;

/// <summary>
/// What the receiver does with a bare LF (an LF without the CR before it), Postfix's
/// smtpd_forbid_bare_newline. Whatever the policy, only CRLF "." CRLF ends DATA: the policy
/// changes what is stored or refused, never where a message ends (SMTP smuggling,
/// CVE-2023-51764). Bare CR is message data under every policy.
/// </summary>
public enum BareLinefeedPolicy
{
    /// <summary>Store bare LFs as they came (Postfix "no", before 3.9).</summary>
    Allow,

    /// <summary>
    /// Store each bare LF in message data as CRLF (Postfix 3.9's default "normalize"). Command
    /// lines may end in a bare LF under this policy and <see cref="Allow"/>, as real clients send them.
    /// </summary>
    Normalize,

    /// <summary>
    /// Refuse with "550 5.5.2 Error: bare &lt;LF&gt; received" (Postfix "yes"/"reject"): a command
    /// line ending in a bare LF at once, a message after its end-of-data was read.
    /// </summary>
    Reject,
}
