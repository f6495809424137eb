using MailKit.Net.Smtp;
using Mail.Actors.Storage;
using MimeKit;

namespace Mail.Actors.Delivery.Remote;

/// <summary>What one attempt learned, for the destination actor to fold into its state.</summary>
/// <param name="Keep">A connection still good for the next message, or null.</param>
/// <param name="Resolution">The MX answer used, for the cache (null when none was needed).</param>
/// <param name="ConnectFailed">No MX address could be reached: slow start backs off.</param>
public sealed record AttemptResult(
    DeliveryReport Report,
    OutboundSmtpClient? Keep,
    MxResolution? Resolution,
    bool ConnectFailed);

/// <summary>
/// One delivery of one request, start to finish, off the actor thread: read the body, resolve
/// (unless cached), reuse or open a connection, send, and map every trouble to outcomes.
/// Never throws.
/// </summary>
public sealed class DeliveryAttempt(RemoteDeliverySettings settings, IBlobStore blobs, MxResolver resolver)
{
    public async Task<AttemptResult> RunAsync(
        DeliveryRequest request, OutboundSmtpClient? pooled, MxResolution? cached, CancellationToken ct = default)
    {
        var domain = NextHop.Domain(request.Hop);
        MimeMessage message;
        try
        {
            var bytes = await blobs.ReadAllAsync(request.BlobId, ct);
            message = MimeMessage.Load(new MemoryStream(bytes, writable: false), ct);
            // RFC 5321 4.4: Return-Path is added at final delivery; a relay must not send one on.
            message.Headers.RemoveAll(HeaderId.ReturnPath);
        }
        catch (Exception e)
        {
            return new AttemptResult(AllOf(request, DeliveryStatus.Deferred, "4.3.0", $"mail queue: cannot read message body: {e.GetType().Name}"), pooled, null, false);
        }

        if (pooled is { IsConnected: true })
        {
            try
            {
                var outcomes = await pooled.DeliverAsync(request, message, ct);
                return Finish(request, pooled, outcomes, cached);
            }
            catch (Exception)
            {
                // A cached session the server has since dropped: start over on a fresh one.
                _ = CloseAsync(pooled);
            }
        }
        else if (pooled is not null)
            _ = CloseAsync(pooled);

        MxResolution resolution;
        try
        {
            resolution = cached ?? await resolver.ResolveAsync(domain, ct);
        }
        catch (Exception e)
        {
            resolution = new MxResolution.TemporaryFailure($"Name service error for name={domain} type=MX: {e.Message}");
        }
        switch (resolution)
        {
            case MxResolution.NullMx:
                return new AttemptResult(AllOf(request, DeliveryStatus.Failed, "5.1.10", $"Domain {domain} does not accept mail (nullMX)"), null, resolution, false);
            case MxResolution.NotFound notFound:
                return new AttemptResult(AllOf(request, DeliveryStatus.Failed, "5.4.4", notFound.Detail), null, resolution, false);
            case MxResolution.TemporaryFailure failure:
                return new AttemptResult(AllOf(request, DeliveryStatus.Deferred, "4.4.3", failure.Detail), null, resolution, false);
        }

        var found = (MxResolution.Found)resolution;
        OutboundSmtpClient? client = null;
        try
        {
            (client, var dsn, var error) = await SmtpConnector.ConnectAsync(found.Hosts, settings.TlsFor(domain), settings, ct);
            if (client is null)
                return new AttemptResult(AllOf(request, DeliveryStatus.Deferred, dsn, error), null, resolution, true);
            var outcomes = await client.DeliverAsync(request, message, ct);
            return Finish(request, client, outcomes, resolution);
        }
        catch (SmtpCommandException e) when (client is not null)
        {
            _ = CloseAsync(client);
            var code = (int)e.StatusCode;
            return new AttemptResult(AllOf(request, SmtpReplyText.StatusOf(code) == DeliveryStatus.Failed ? DeliveryStatus.Failed : DeliveryStatus.Deferred,
                SmtpReplyText.EnhancedCode(code, e.Message), SmtpReplyText.Diagnostic(code, e.Message), client.Relay, client.HostName), null, resolution, false);
        }
        catch (Exception e)
        {
            if (client is not null)
                _ = CloseAsync(client);
            var where = client is null ? "delivery temporarily suspended" : $"lost connection with {client.Relay} while sending message";
            return new AttemptResult(AllOf(request, DeliveryStatus.Deferred, client is null ? "4.3.0" : "4.4.2", $"{where}: {e.Message}", client?.Relay ?? "none", client?.HostName), null, resolution, false);
        }
    }

    /// QUIT and dispose, in the background; errors do not matter any more.
    public static async Task CloseAsync(OutboundSmtpClient client)
    {
        try
        {
            if (client.IsConnected)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await client.DisconnectAsync(true, timeout.Token);
            }
        }
        catch (Exception)
        {
            // Closing anyway.
        }
        finally
        {
            client.Dispose();
        }
    }

    private AttemptResult Finish(DeliveryRequest request, OutboundSmtpClient client, IReadOnlyList<RecipientOutcome> outcomes, MxResolution? resolution)
    {
        var reusable = client.IsConnected && client.Uses < settings.MaxReuse
            && outcomes.Any(o => o.Status == DeliveryStatus.Delivered);
        if (!reusable)
            _ = CloseAsync(client);
        return new AttemptResult(request.Report(outcomes), reusable ? client : null, resolution, false);
    }

    private static DeliveryReport AllOf(
        DeliveryRequest request, DeliveryStatus status, string dsn, string diagnostic, string relay = "none", string? remoteMta = null) =>
        request.Report([.. request.Recipients.Select(r => new RecipientOutcome(r.Address, status, dsn, diagnostic, relay, remoteMta))]);
}
