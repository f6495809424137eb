using System.Net;
using Akka.Actor;
using Mail.Actors.Delivery;
using Mail.Actors.Delivery.Remote;
using Mail.Actors.Storage;
using Mail.Tests.Shared;

namespace Mail.Actors.Tests.Delivery;

/// <summary>
/// Real loopback sockets only: a <see cref="DnsResponder"/> is the only DNS server the client
/// knows, and every MX points at 127.0.0.x, where a <see cref="ScriptedSmtpServer"/> listens on
/// 127.0.0.1 (127.0.0.2 on the same port refuses: nothing listens there).
/// </summary>
public abstract class RemoteDeliverySpec : Akka.TestKit.Xunit.TestKit
{
    protected const string Body = "From: alice@example.org\r\nTo: bob@example.test\r\nSubject: hi\r\n\r\nHello.\r\n";

    private int _sequence;

    protected RemoteDeliverySpec(ITestOutputHelper output)
        : base("akka.loglevel = INFO", "remote", output)
    {
        Blobs = new FileBlobStore(_folder.Path);
        Settings = RemoteDeliverySettings.Defaults("client.test") with
        {
            DnsServers = [Dns.EndPoint],
            SmtpPort = Smtp.Port,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            CommandTimeout = TimeSpan.FromSeconds(10),
            DnsTimeout = TimeSpan.FromSeconds(2),
            TlsPolicy = TlsPolicy.None,
        };
    }

    protected DnsResponder Dns { get; } = new();

    protected ScriptedSmtpServer Smtp { get; } = new();

    private readonly Support.TempFolder _folder = new();

    /// The real file store in a temp folder (bodies are written the way SMTP writes them).
    internal FileBlobStore Blobs { get; private set; } = null!;

    protected RemoteDeliverySettings Settings { get; set; }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing)
            return;
        Smtp.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Dns.Dispose();
        _folder.Dispose();
    }

    protected IActorRef Delivery() => Sys.ActorOf(RemoteDelivery.Props(Settings, Blobs));

    /// A request for example.test with a fresh queue id and body.
    protected DeliveryRequest Request(Mail.Actors.Delivery.Envelope? envelope = null, string body = Body, string domain = "example.test", params DeliveryRecipient[] recipients)
    {
        var queueId = $"Q{Interlocked.Increment(ref _sequence):D15}";
        using (var blob = Blobs.Create(queueId))
        {
            blob.Write(System.Text.Encoding.UTF8.GetBytes(body));
            blob.CommitAsync([queueId]).GetAwaiter().GetResult();
        }
        if (recipients.Length == 0)
            recipients = [new DeliveryRecipient($"bob@{domain}")];
        return new DeliveryRequest(queueId, NextHop.ForDomain(domain), envelope ?? new Mail.Actors.Delivery.Envelope("alice@example.org"), queueId,
            body.Length, DateTimeOffset.UtcNow.AddSeconds(-1), recipients);
    }

    protected async Task<DeliveryReport> Deliver(IActorRef delivery, DeliveryRequest request)
    {
        delivery.Tell(request, TestActor);
        var report = await ExpectMsgAsync<DeliveryReport>(TimeSpan.FromSeconds(15), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(request.QueueId, report.QueueId);
        return report;
    }

    protected static RecipientOutcome Single(DeliveryReport report) => Assert.Single(report.Outcomes);
}
