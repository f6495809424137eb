using Akka.Actor;
using Akka.Event;
using Mail.Actors.Storage;

namespace Mail.Actors.Delivery.Remote;

/// <summary>
/// One next hop ("smtp:example.test"), like a Postfix qmgr destination queue feeding smtp(8):
/// requests wait in FIFO order and at most <see cref="SlowStart.Window"/> attempts run at once;
/// the window starts at InitialConcurrency, grows by one per delivery that went through, shrinks
/// by one after a connection failure. Attempts run off the actor thread and come back as
/// <see cref="AttemptCompleted"/>; all state lives here, the attempt gets what it needs
/// (a pooled session, the cached MX answer) and hands back what it learned.
///
/// Sessions that delivered stay open for ConnectionReuseTime for the next request; every reply
/// goes to the sender of the original request, whatever happened (an attempt never throws, and
/// a crashed task still yields Deferred outcomes). When idle for DestinationIdleTime it asks
/// its parent to stop it, so a stop never races a forwarded request.
/// </summary>
public sealed class RemoteDestination : ReceiveActor, IWithTimers
{
    private const string SweepTimer = "sweep";

    private readonly string _hop;
    private readonly RemoteDeliverySettings _settings;
    private readonly DeliveryAttempt _attempt;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Queue<(DeliveryRequest Request, IActorRef ReplyTo)> _waiting = new();
    private readonly List<(OutboundSmtpClient Client, DateTimeOffset IdleSince)> _idle = [];
    private SlowStart _window;
    private int _inFlight;
    private MxResolution.Found? _resolution;
    private DateTimeOffset _resolutionExpires;
    private bool _stopRequested;

    public RemoteDestination(string hop, RemoteDeliverySettings settings, IBlobStore blobs, MxResolver resolver)
    {
        _hop = hop;
        _settings = settings;
        _attempt = new DeliveryAttempt(settings, blobs, resolver);
        _window = SlowStart.Begin(settings.InitialConcurrency, settings.DestinationConcurrency);

        Receive<DeliveryRequest>(request =>
        {
            _waiting.Enqueue((request, Sender));
            StartAttempts();
        });
        Receive<AttemptCompleted>(OnCompleted);
        Receive<SweepIdleConnections>(_ => Sweep());
        Receive<ReceiveTimeout>(_ =>
        {
            if (IsIdle)
                Context.Parent.Tell(new DestinationIdle(_hop));
        });
        Receive<StopDestination>(_ =>
        {
            _stopRequested = true;
            StopWhenDone();
        });
        Context.SetReceiveTimeout(settings.DestinationIdleTime);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// The current slow-start window (for tests and the admin view).
    public int Concurrency => _window.Window;

    private bool IsIdle => _waiting.Count == 0 && _inFlight == 0 && _idle.Count == 0;

    public static Props Props(string hop, RemoteDeliverySettings settings, IBlobStore blobs, MxResolver resolver) =>
        Akka.Actor.Props.Create(() => new RemoteDestination(hop, settings, blobs, resolver));

    protected override void PostStop()
    {
        foreach (var (client, _) in _idle)
            _ = DeliveryAttempt.CloseAsync(client);
        _idle.Clear();
    }

    private void StartAttempts()
    {
        while (_waiting.Count > 0 && _inFlight < _window.Window)
        {
            var (request, replyTo) = _waiting.Dequeue();
            if (request.NotAfter < DateTimeOffset.UtcNow)
            {
                // The queue stopped waiting for this one; it will ask again after its backoff.
                Suspend(request, replyTo, "4.4.1", "delivery temporarily suspended: waited too long for a connection");
                continue;
            }
            OutboundSmtpClient? pooled = null;
            if (_idle.Count > 0)
            {
                pooled = _idle[^1].Client;
                _idle.RemoveAt(_idle.Count - 1);
            }
            var cached = _resolution is not null && DateTimeOffset.UtcNow < _resolutionExpires ? _resolution : null;
            _inFlight++;
            _attempt.RunAsync(request, pooled, cached).PipeTo(
                Self,
                success: result => new AttemptCompleted(request, replyTo, result),
                failure: e => new AttemptCompleted(request, replyTo, Crashed(request, e)));
        }
    }

    private void OnCompleted(AttemptCompleted done)
    {
        _inFlight--;
        var result = done.Result;
        if (result.Resolution is MxResolution.Found found && !ReferenceEquals(found, _resolution))
        {
            _resolution = found;
            _resolutionExpires = DateTimeOffset.UtcNow + found.Ttl;
        }
        if (result.ConnectFailed)
        {
            _window = _window.Failure();
            // Like Postfix's dead destination: every MX just refused or timed out, so the
            // messages waiting behind this one would only queue up for the same failure.
            var first = result.Report.Outcomes.FirstOrDefault();
            while (_waiting.Count > 0)
            {
                var (waiting, replyTo) = _waiting.Dequeue();
                Suspend(waiting, replyTo, first?.Dsn ?? "4.4.1", $"delivery temporarily suspended: {first?.Diagnostic ?? "no MX answered"}");
            }
        }
        else if (result.Report.Outcomes.Any(o => o.Status == DeliveryStatus.Delivered))
            _window = _window.Success();

        var now = DateTimeOffset.UtcNow;
        foreach (var outcome in result.Report.Outcomes)
            _log.Info("{0}", DeliveryLog.Line(done.Request.QueueId, outcome, done.Request.Arrival, now));
        done.ReplyTo.Tell(result.Report);

        if (result.Keep is { } client)
        {
            if (_stopRequested || _idle.Count >= _window.Window)
                _ = DeliveryAttempt.CloseAsync(client);
            else
            {
                _idle.Add((client, now));
                if (!Timers.IsTimerActive(SweepTimer))
                    Timers.StartPeriodicTimer(SweepTimer, SweepIdleConnections.Instance, SweepInterval);
            }
        }
        StartAttempts();
        StopWhenDone();
    }

    private void Suspend(DeliveryRequest request, IActorRef replyTo, string dsn, string diagnostic)
    {
        var report = request.DeferAll(dsn, diagnostic);
        var now = DateTimeOffset.UtcNow;
        foreach (var outcome in report.Outcomes)
            _log.Info("{0}", DeliveryLog.Line(request.QueueId, outcome, request.Arrival, now));
        replyTo.Tell(report);
    }

    private TimeSpan SweepInterval =>
        TimeSpan.FromMilliseconds(Math.Clamp(_settings.ConnectionReuseTime.TotalMilliseconds / 4, 50, 1000));

    private void Sweep()
    {
        var cutoff = DateTimeOffset.UtcNow - _settings.ConnectionReuseTime;
        for (var i = _idle.Count - 1; i >= 0; i--)
        {
            if (_idle[i].IdleSince <= cutoff || !_idle[i].Client.IsConnected)
            {
                _ = DeliveryAttempt.CloseAsync(_idle[i].Client);
                _idle.RemoveAt(i);
            }
        }
        if (_idle.Count == 0)
            Timers.Cancel(SweepTimer);
    }

    private void StopWhenDone()
    {
        if (_stopRequested && _waiting.Count == 0 && _inFlight == 0)
            Context.Stop(Self);
    }

    private static AttemptResult Crashed(DeliveryRequest request, Exception e) => new(
        request.DeferAll("4.3.0", $"delivery temporarily suspended: {e.GetBaseException().Message}"),
        null,
        null,
        false);
}
