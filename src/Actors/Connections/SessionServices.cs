using Akka.Actor;
using Mail.Actors.Directory;
using Mail.Actors.Intake;
using Mail.Actors.Storage;

namespace Mail.Actors.Connections;

/// <summary>
/// What every protocol session talks to besides its socket: the directory (users, domains),
/// the blob store (bodies), the mailbox shard region, and the intake that makes accepted mail
/// durable in mailboxes and queues. One node builds it once.
/// </summary>
public sealed record SessionServices(IUserDirectory Directory, IBlobStore Blobs, IActorRef Mailboxes, MessageIntake Intake)
{
    /// Failed logins per client address, across the node's sessions and protocols.
    public AuthFailures AuthFailures { get; init; } = new();

    /// The admin's access rules (`maild access`), asked at every RCPT.
    public Smtp.IAccessPolicy Access { get; init; } = Smtp.NoAccessRules.Instance;

    /// DNS for the sender-domain check (reject_unknown_sender_domain); none means the check passes.
    public Delivery.Remote.MxResolver? Resolver { get; init; }

    /// ENVELOPE/BODYSTRUCTURE sidecars for IMAP; none means every FETCH parses the body again.
    public MessageSummaryStore? Summaries { get; init; }
}
