using System.Globalization;
using System.Text;
using Akka.Actor;
using Akka.Dispatch;
using Akka.Event;

namespace Mail.Host.Server;

/// <summary>
/// Akka logger that writes one greppable line per event to stdout, like a syslog line:
/// <c>2026-11-26T21:29:18.878Z info  smtp-2525/c1: M16LKDBD: to=&lt;a@b&gt;, relay=local, status=sent</c>.
/// Lines are buffered and flushed every 200 ms (or at once for warnings and errors), so a busy
/// server does not pay one write(2) per delivery log line.
/// </summary>
public sealed class LineLogger : ReceiveActor, IRequiresMessageQueue<ILoggerMessageQueueSemantics>
{
    private static readonly StreamWriter Out = new(Console.OpenStandardOutput(), new UTF8Encoding(false), 64 * 1024) { AutoFlush = false };
    private readonly ICancelable _flusher;

    public LineLogger()
    {
        Receive<Debug>(e => Write("debug", e));
        Receive<Info>(e => Write("info ", e));
        Receive<Warning>(e => Write("warn ", e, flush: true));
        Receive<Error>(e => Write("error", e, flush: true));
        Receive<InitializeLogger>(_ => Sender.Tell(new LoggerInitialized()));
        Receive<Flush>(_ => Out.Flush());
        _flusher = Context.System.Scheduler.ScheduleTellRepeatedlyCancelable(
            TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(200), Self, Flush.Instance, Self);
    }

    protected override void PostStop()
    {
        _flusher.Cancel();
        Out.Flush();
    }

    private static void Write(string level, LogEvent e, bool flush = false)
    {
        var line = new StringBuilder(160)
            .Append(e.Timestamp.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture))
            .Append(' ').Append(level).Append(' ').Append(ShortSource(e.LogSource)).Append(": ")
            .Append(e.Message);
        if (e.Cause is not null)
            line.Append(" | ").Append(e.Cause.GetType().Name).Append(": ").Append(e.Cause.Message);
        Out.WriteLine(line.ToString());
        if (e is Error { Cause: not null } error)
            Out.WriteLine(error.Cause.ToString());
        if (flush)
            Out.Flush();
    }

    /// "akka.tcp://maild@127.0.0.1:42189/user/listeners/smtp-2525/c1" => "smtp-2525/c1".
    private static string ShortSource(string source)
    {
        var user = source.IndexOf("/user/listeners/", StringComparison.Ordinal);
        if (user >= 0)
            return source[(user + "/user/listeners/".Length)..];
        var path = source.IndexOf("/user/", StringComparison.Ordinal);
        if (path >= 0)
            return source[(path + 6)..];
        var system = source.IndexOf("/system/", StringComparison.Ordinal);
        return system >= 0 ? source[(system + 1)..] : source;
    }

    private sealed class Flush
    {
        public static readonly Flush Instance = new();
    }
}
