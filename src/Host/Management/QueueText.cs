using System.Globalization;
using System.Text;
using Mail.Actors.Queue;

namespace Mail.Host.Management;

/// <summary>
/// What `maild queue list` and `maild queue show` print, as pure functions of the replies (no
/// I/O, the time zone passed in), so the layout is tested without a server.
/// The list follows Postfix's mailq: one block per message, '!' after the id of a held message,
/// the reason of a deferral in parentheses above the recipients it applies to, then
/// "-- N Kbytes in M Requests.". A message the queue lists once per next hop is shown once.
/// </summary>
public static class QueueText
{
    public const string Empty = "Mail queue is empty";

    private const int SizeWidth = 8;
    private const int ArrivalWidth = 20;
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// One view per queue id: recipients of every hop together, held if any part is held.
    public static IReadOnlyList<QueuedMessageView> Merge(IEnumerable<QueuedMessageView> parts) =>
        parts.GroupBy(p => p.QueueId, StringComparer.Ordinal)
            .Select(g => g.Count() == 1 ? g.First() : g.First() with
            {
                Hop = string.Join(", ", g.Select(p => p.Hop).Distinct()),
                Size = g.Max(p => p.Size),
                Arrival = g.Min(p => p.Arrival),
                Held = g.Any(p => p.Held),
                Recipients = g.SelectMany(p => p.Recipients).ToArray(),
            })
            .OrderBy(m => m.Arrival).ThenBy(m => m.QueueId, StringComparer.Ordinal)
            .ToArray();

    public static string Mailq(QueueListing listing, TimeZoneInfo zone)
    {
        var messages = Merge(listing.Messages);
        if (messages.Count == 0)
            return Empty + "\n";
        var idWidth = Math.Max(10, messages.Max(m => m.QueueId.Length) + 1);
        var indent = new string(' ', idWidth + 1 + SizeWidth + 1 + ArrivalWidth + 1);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{"-Queue ID-".PadRight(idWidth)} --Size-- ----Arrival Time---- -Sender/Recipient-------\n");
        foreach (var m in messages)
        {
            var id = m.QueueId + (m.Held ? "!" : "");
            text.Append(CultureInfo.InvariantCulture, $"{id.PadRight(idWidth)} {m.Size.ToString(Invariant).PadLeft(SizeWidth)} {ArrivalTime(m.Arrival, zone).PadRight(ArrivalWidth)} {Sender(m.Sender)}\n");
            // Postfix groups recipients under the reason they are waiting for.
            foreach (var group in m.Recipients.GroupBy(r => r.LastError ?? ""))
            {
                if (group.Key.Length > 0)
                    text.Append(CultureInfo.InvariantCulture, $"  ({group.Key})\n");
                foreach (var r in group)
                    text.Append(CultureInfo.InvariantCulture, $"{indent}{r.Address}  {RecipientState(r, zone)}\n");
            }
            text.Append('\n');
        }
        var kbytes = (messages.Sum(m => m.Size) + 1023) / 1024;
        text.Append(CultureInfo.InvariantCulture, $"-- {kbytes} Kbytes in {messages.Count} Request{(messages.Count == 1 ? "" : "s")}.\n");
        return text.ToString();
    }

    public static string Show(QueuedMessageDetail detail, TimeZoneInfo zone)
    {
        if (detail.Parts.Count == 0)
            return "The message has left the queue.\n";
        var text = new StringBuilder();
        var first = detail.Parts[0];
        text.Append(CultureInfo.InvariantCulture, $"Queue ID: {first.QueueId}{(detail.Parts.Any(p => p.Held) ? " (on hold)" : "")}\n");
        text.Append(CultureInfo.InvariantCulture, $"Sender:   {Sender(first.Sender)}\n");
        text.Append(CultureInfo.InvariantCulture, $"Size:     {detail.Parts.Max(p => p.Size)} bytes\n");
        text.Append(CultureInfo.InvariantCulture, $"Arrival:  {Timestamp(detail.Parts.Min(p => p.Arrival), zone)}\n");
        foreach (var part in detail.Parts)
        {
            text.Append(CultureInfo.InvariantCulture, $"\nHop {part.Hop}{(part.Held ? " (on hold)" : "")}:\n");
            foreach (var r in part.Recipients)
            {
                text.Append(CultureInfo.InvariantCulture, $"  {r.Address}  {r.Status}, {r.Attempts} attempt{(r.Attempts == 1 ? "" : "s")}");
                if (r.NextAttempt is { } next)
                    text.Append(CultureInfo.InvariantCulture, $", next {Timestamp(next, zone)}");
                text.Append('\n');
                if (r.LastError is { Length: > 0 } error)
                    text.Append(CultureInfo.InvariantCulture, $"    ({error})\n");
            }
        }
        text.Append("\nHeaders:\n");
        text.Append(detail.Headers.Length == 0 ? "  (the message body is gone)\n" : Indent(detail.Headers));
        text.Append("\nAttempts:\n");
        if (detail.Attempts.Count == 0)
            text.Append("  none yet\n");
        foreach (var a in detail.Attempts.OrderBy(a => a.At))
            text.Append(CultureInfo.InvariantCulture, $"  {Timestamp(a.At, zone)}  to=<{a.Recipient}>, relay={a.Relay}, dsn={a.Dsn}, status={a.Status} ({a.Diagnostic})\n");
        return text.ToString();
    }

    /// postsuper's wording: "Deleted: 1 message".
    public static string Done(string what, QueueCommandDone done) =>
        $"{what}: {done.Affected} message{(done.Affected == 1 ? "" : "s")}\n";

    /// mailq's ctime-like "Tue Mar  4 10:00:00", in the admin's time zone.
    public static string ArrivalTime(DateTimeOffset at, TimeZoneInfo zone)
    {
        var t = TimeZoneInfo.ConvertTime(at, zone);
        return $"{t.ToString("ddd MMM", Invariant)} {t.Day,2} {t.ToString("HH:mm:ss", Invariant)}";
    }

    private static string Timestamp(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd HH:mm:ss zzz", Invariant);

    private static string Sender(string sender) => sender.Length == 0 ? "MAILER-DAEMON" : sender;

    private static string RecipientState(QueuedRecipientView r, TimeZoneInfo zone) => r.Status switch
    {
        RecipientStatus.Deferred when r.NextAttempt is { } next =>
            $"[deferred, {r.Attempts} attempt{(r.Attempts == 1 ? "" : "s")}, next {ArrivalTime(next, zone)}]",
        _ => $"[{r.Status}]",
    };

    private static string Indent(string block)
    {
        var text = new StringBuilder();
        foreach (var line in block.Replace("\r\n", "\n").TrimEnd('\n').Split('\n'))
            text.Append("  ").Append(line).Append('\n');
        return text.ToString();
    }
}
