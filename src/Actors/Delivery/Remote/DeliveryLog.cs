using System.Globalization;

namespace Mail.Actors.Delivery.Remote;

/// <summary>Postfix's delivery log line, one per recipient per attempt, for admins to grep.</summary>
public static class DeliveryLog
{
    /// <c>QUEUEID: to=&lt;a@b&gt;, relay=mx.b[127.0.0.1]:25, delay=1.2, dsn=2.0.0, status=sent (250 2.0.0 Ok)</c>
    public static string Line(string queueId, RecipientOutcome outcome, DateTimeOffset arrival, DateTimeOffset now)
    {
        var delay = Math.Max(0, (now - arrival).TotalSeconds).ToString("0.0", CultureInfo.InvariantCulture);
        var status = outcome.Status switch
        {
            DeliveryStatus.Delivered => "sent",
            DeliveryStatus.Failed => "bounced",
            _ => "deferred",
        };
        return $"{queueId}: to=<{outcome.Address}>, relay={outcome.Relay}, delay={delay}, dsn={outcome.Dsn}, status={status} ({outcome.Diagnostic})";
    }
}
