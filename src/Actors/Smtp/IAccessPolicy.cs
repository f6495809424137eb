using System.Net;

namespace Mail.Actors.Smtp;

/// <summary>What an access rule says about a transaction (Postfix access(5) actions).</summary>
public enum AccessVerdict
{
    /// No rule matched.
    None,

    /// Accepted by a rule: the optional checks are skipped. It never grants relaying.
    Ok,

    /// 554 5.7.1.
    Reject,

    /// 450 4.7.1: try again later.
    Defer,
}

/// <param name="What">Postfix's name of the thing that matched: "Client host", "Helo command", "Sender address", "Recipient address".</param>
/// <param name="Subject">What was looked up, as shown in the reply ("unknown[192.0.2.1]", "&lt;a@b&gt;").</param>
/// <param name="Text">The admin's reply text, or null for "Access denied".</param>
public sealed record AccessDecision(AccessVerdict Verdict, string What = "", string Subject = "", string? Text = null)
{
    public static AccessDecision None { get; } = new(AccessVerdict.None);
}

/// <summary>
/// The admin's access rules (`maild access`), asked at every RCPT like Postfix with
/// smtpd_delay_reject: client, then HELO name, then sender, then recipient; the first rule that
/// matches decides.
/// </summary>
public interface IAccessPolicy
{
    ValueTask<AccessDecision> CheckAsync(IPAddress client, string? helo, string sender, string recipient, CancellationToken ct = default);
}

/// No rules at all (tests, and servers without a directory).
public sealed class NoAccessRules : IAccessPolicy
{
    public static NoAccessRules Instance { get; } = new();

    public ValueTask<AccessDecision> CheckAsync(IPAddress client, string? helo, string sender, string recipient, CancellationToken ct = default) =>
        ValueTask.FromResult(AccessDecision.None);
}
