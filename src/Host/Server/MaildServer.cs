using Akka;
using Akka.Actor;
using Akka.Event;
using Akka.Cluster;
using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;
using Akka.Configuration;
using Akka.Hosting;
using Akka.Persistence.Sql.Hosting;
using Akka.Remote.Hosting;
using Mail.Actors.Bounces;
using Mail.Actors.Connections;
using Mail.Actors.Delivery;
using Mail.Actors.Delivery.Remote;
using Mail.Actors.Intake;
using Mail.Actors.Mailbox;
using Mail.Actors.Imap;
using Mail.Actors.Pop3;
using Mail.Actors.Queue;
using Mail.Actors.Serialization;
using Mail.Actors.Smtp;
using Mail.Actors.Storage;
using Mail.Host.Configuration;
using Mail.Host.Directory;
using Mail.Host.Network;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using LogLevel = Akka.Event.LogLevel;

namespace Mail.Host.Server;

/// <summary>
/// `maild serve`: prepares the data folder and the directory, binds every listener, then
/// starts the actor system as a single-node cluster (joins itself) with the mailbox shard
/// region on Akka.Persistence.Sql, and starts accepting once this node is Up.
/// SIGTERM/Ctrl-C run CoordinatedShutdown: stop accepting, drain sessions within the grace
/// period, hand off shards, stop persistence.
/// </summary>
public static class MaildServer
{
    public static async Task<int> RunAsync(Config config, MaildSettings settings)
    {
        DataFolder.Prepare(settings);
        SqlDirectory directory;
        Mail.Host.Access.AccessTable accessTable;
        try
        {
            var store = DirectoryStore.For(settings);
            var admin = store.Admin();
            foreach (var domain in settings.Domains)
                admin.EnsureDomain(domain);
            directory = store.Directory(settings.Aliases);
            accessTable = store.AccessTable();
        }
        catch (DirectoryException e)
        {
            // A bad domain in maild.domains (or the default host name), or an unusable directory database.
            throw new ConfigException($"directory: {e.Message}");
        }
        if (settings.Database.Provider == DatabaseProvider.MySql)
            MySqlJournalTables.EnsureCreated(settings.Database.JournalConnectionString);
        var files = new FileBlobStore(settings.MailDir, settings.SpoolDir, settings.FsyncFolders);
        files.CleanSpool();
        // Disposed after the host (declared before it): queued blob writes finish after the actors stop.
        using var smallBodies = settings.SmallBodiesInDatabase
            ? new Mail.Host.Persistence.SqliteBlobStore(files, settings.BlobDatabase, settings.BlobDatabaseLimit)
            : null;
        IBlobStore blobs = smallBodies is null ? files : smallBodies;

        // The management endpoint (maild queue ...) binds before the mail sockets, so a busy port
        // stops the start with one line; it answers 503 until the QueueManager exists.
        var queueManager = new TaskCompletionSource<IActorRef>(TaskCreationOptions.RunContinuationsAsynchronously);
        var inspection = new TaskCompletionSource<Mail.Host.Management.InspectionTargets>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var management = await Mail.Host.Management.ManagementServer.StartAsync(settings.Management, queueManager.Task, inspection: inspection.Task);

        // Every SMTP and POP3 listener can do TLS: a configured certificate, or a self-signed one made here.
        Mail.Host.Tls.ServerTls? serverTls = null;
        string? tlsWarning = null;
        if (settings.SmtpListen.Count + settings.SubmissionListen.Count + settings.SmtpsListen.Count
            + settings.ImapListen.Count + settings.ImapsListen.Count
            + settings.Pop3Listen.Count + settings.Pop3sListen.Count > 0)
        {
            var (certificate, warning) = Mail.Host.Tls.ServerCertificate.Load(settings.Tls, settings.DataDir, settings.Hostname);
            serverTls = new Mail.Host.Tls.ServerTls(certificate, settings.Tls.HandshakeTimeout);
            tlsWarning = warning;
        }

        var sockets = new List<(System.Net.Sockets.Socket Socket, string Service)>();
        try
        {
            sockets.AddRange(settings.SmtpListen.Select(a => (Binder.Bind(a, "smtp"), "smtp")));
            sockets.AddRange(settings.SubmissionListen.Select(a => (Binder.Bind(a, "submission"), "submission")));
            sockets.AddRange(settings.SmtpsListen.Select(a => (Binder.Bind(a, "smtps"), "smtps")));
            sockets.AddRange(settings.Pop3Listen.Select(a => (Binder.Bind(a, "pop3"), "pop3")));
            sockets.AddRange(settings.ImapListen.Select(a => (Binder.Bind(a, "imap"), "imap")));
            sockets.AddRange(settings.ImapsListen.Select(a => (Binder.Bind(a, "imaps"), "imaps")));
            sockets.AddRange(settings.Pop3sListen.Select(a => (Binder.Bind(a, "pop3s"), "pop3s")));
        }
        catch
        {
            sockets.ForEach(s => s.Socket.Dispose());
            throw;
        }

        MessageIntake? intakeHolder = null;
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        // Everything of interest is logged by actors through LineLogger; the generic host itself
        // has nothing to tell an admin except failures.
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Warning);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = settings.ShutdownGrace + TimeSpan.FromSeconds(30));
        builder.Services.AddSingleton<IHostLifetime, Microsoft.Extensions.Hosting.Internal.ConsoleLifetime>();
        builder.Services.AddAkka("maild", (akka, _) =>
        {
            akka.AddHocon(config, HoconAddMode.Prepend)
                .AddHocon(AkkaTuning(settings), HoconAddMode.Prepend)
                .ConfigureLoggers(l =>
                {
                    l.LogLevel = LogLevel.InfoLevel;
                    l.ClearLoggers();
                    l.AddLogger<LineLogger>();
                })
                .WithRemoting(settings.Cluster.Hostname, settings.Cluster.Port,
                    settings.Cluster.PublicHostname.Length > 0 ? settings.Cluster.PublicHostname : null)
                .WithClustering(new ClusterOptions
                {
                    Roles = [.. settings.Cluster.Roles],
                    SeedNodes = settings.Cluster.IsMultiNode ? [.. settings.Cluster.SeedNodes] : null,
                    // keep-majority: the side with more nodes survives a split, a lone crashed node is
                    // downed after stable-after and its shards move. Also right for a single node.
                    SplitBrainResolver = new Akka.Cluster.Hosting.SBR.KeepMajorityOption(),
                })
                .WithSqlPersistence(
                    settings.Database.IsShared ? settings.Database.JournalConnectionString : DataFolder.JournalConnectionString(settings),
                    settings.Database.LinqToDbProvider, autoInitialize: settings.Database.Provider != DatabaseProvider.MySql)
                // After WithSqlPersistence, so that on SQLite this journal takes the default plugin's place.
                .AddHocon(JournalPlugin(settings), HoconAddMode.Prepend)
                .WithCustomSerializer("mail", MailSerializer.BoundTypes, system => new MailSerializer(system))
                .WithCustomSerializer("mail-wire", MailWireSerializer.BoundTypes, system => new MailWireSerializer(system))
                .WithShardRegion<MailboxRegion>("mailbox",
                    id => MailboxActor.Props(id, blobs, settings.MailboxQuota),
                    new MailboxMessageExtractor(settings.MailboxShards),
                    new ShardOptions
                    {
                        StateStoreMode = StateStoreMode.DData,
                        RememberEntities = false,
                        ShouldPassivateIdleEntities = true,
                        PassivateIdleEntityAfter = settings.MailboxPassivateAfter,
                        HandOffStopMessage = StopMailbox.Instance,
                    })
                .WithShardRegion<RecipientQueueRegion>("recipient-queue",
                    (_, registry) => hop => RecipientQueueActor.Props(hop, new QueueServices(
                        blobs,
                        registry.Get<DeliveryAgents>(),
                        registry.Get<QueueManager>(),
                        registry.Get<Bouncer>(),
                        settings.Queue.Schedule,
                        settings.Hostname,
                        settings.Queue.AttemptTimeout,
                        MaxInFlight: settings.Delivery.DestinationConcurrency * 2,
                        Region: registry.Get<RecipientQueueRegion>())),
                    new RecipientQueueMessageExtractor(settings.Queue.Shards),
                    new ShardOptions
                    {
                        // Queues with mail in them are remembered (in the journal), so that after a
                        // crash or restart every one comes back and resumes its deliveries without
                        // waiting for new mail to wake it. An empty queue passivates itself.
                        StateStoreMode = StateStoreMode.DData,
                        RememberEntities = true,
                        RememberEntitiesStore = RememberEntitiesStore.Eventsourced,
                        HandOffStopMessage = StopQueue.Instance,
                        ShouldPassivateIdleEntities = false,
                    })
                .WithActors((system, registry) =>
                {
                    // Entities of the regions above are created only once this node is Up (after
                    // AddStartup joins), so the registry holds all of these by then.
                    var mailboxes = registry.Get<MailboxRegion>();
                    var queues = registry.Get<RecipientQueueRegion>();
                    var intake = new MessageIntake(blobs, mailboxes, queues, settings.Smtp.CommitTimeout);
                    intakeHolder = intake;
                    var manager = system.ActorOf(QueueManager.Props(settings.Queue.ActiveLimit, blobs, () => queues), "queue");
                    registry.Register<QueueManager>(manager);
                    queueManager.TrySetResult(manager);
                    inspection.TrySetResult(new(system, manager, mailboxes, new MailboxMessageExtractor(settings.MailboxShards), directory));
                    registry.Register<DeliveryAgents>(system.ActorOf(DeliveryAgents.Props(
                        LocalDelivery.Props(mailboxes, settings.Smtp.CommitTimeout),
                        RemoteDelivery.Props(settings.Delivery, blobs)), "delivery"));
                    registry.Register<Bouncer>(system.ActorOf(Bouncer.Props(blobs, directory, () => intake, settings.Queue.BounceSizeLimit), "bounces"));
                })
                .AddStartup((system, registry) =>
                {
                    var cluster = Cluster.Get(system);
                    if (!settings.Cluster.IsMultiNode)
                        cluster.Join(cluster.SelfAddress); // a single node is its own seed
                    var services = new SessionServices(directory, blobs, registry.Get<MailboxRegion>(), intakeHolder!)
                    {
                        Access = new Mail.Host.Access.SqlAccessPolicy(accessTable),
                        Resolver = new MxResolver(settings.Delivery),
                        Summaries = new MessageSummaryStore(blobs),
                    };
                    var submission = settings.Smtp with { Role = SmtpRole.Submission };
                    var smtps = settings.Smtp with { Role = SmtpRole.SubmissionTls };
                    var smtpLimits = new ConnectionLimits(
                        settings.SmtpConnectionLimits.Total,
                        settings.SmtpConnectionLimits.PerClient,
                        settings.Smtp.MayRelay,
                        (ip, perClient) => perClient
                            ? $"421 4.7.0 {settings.Hostname} Error: too many connections from {ip}"
                            : $"421 4.7.0 {settings.Hostname} Error: too many connections");
                    var imapLimits = new ConnectionLimits(
                        settings.ImapConnectionLimits.Total,
                        settings.ImapConnectionLimits.PerClient,
                        settings.Smtp.MayRelay,
                        (ip, perClient) => perClient
                            ? $"* BYE [UNAVAILABLE] Too many connections from {ip}"
                            : "* BYE [UNAVAILABLE] Too many connections");
                    var pop3Limits = new ConnectionLimits(
                        settings.Pop3ConnectionLimits.Total,
                        settings.Pop3ConnectionLimits.PerClient,
                        settings.Smtp.MayRelay,
                        (ip, perClient) => perClient
                            ? $"-ERR [SYS/TEMP] Too many connections from {ip}"
                            : "-ERR [SYS/TEMP] Too many connections");
                    var specs = sockets.Select(s => s.Service switch
                    {
                        "imap" => new ListenerSpec(s.Socket, s.Service, connection => ImapSession.Props(connection, settings.Imap, services), serverTls, Limits: imapLimits),
                        "imaps" => new ListenerSpec(s.Socket, s.Service, connection => ImapSession.Props(connection, settings.Imap, services), serverTls, ImplicitTls: true, Limits: imapLimits),
                        "smtp" => new ListenerSpec(s.Socket, s.Service, connection => SmtpSession.Props(connection, settings.Smtp, services), serverTls, Limits: smtpLimits),
                        "submission" => new ListenerSpec(s.Socket, s.Service, connection => SmtpSession.Props(connection, submission, services), serverTls, Limits: smtpLimits),
                        "smtps" => new ListenerSpec(s.Socket, s.Service, connection => SmtpSession.Props(connection, smtps, services), serverTls, ImplicitTls: true, Limits: smtpLimits),
                        "pop3s" => new ListenerSpec(s.Socket, s.Service, connection => Pop3Session.Props(connection, settings.Pop3, services), serverTls, ImplicitTls: true, Limits: pop3Limits),
                        _ => new ListenerSpec(s.Socket, s.Service, connection => Pop3Session.Props(connection, settings.Pop3, services), serverTls, Limits: pop3Limits),
                    }).ToArray();
                    if (tlsWarning is not null)
                        system.Log.Warning(tlsWarning);
                    cluster.RegisterOnMemberUp(() =>
                    {
                        var listeners = system.ActorOf(ListenersActor.Props(specs, settings.ShutdownGrace), "listeners");
                        ShutdownSteps.Register(system, listeners, settings.ShutdownGrace);
                        system.Log.Info("maild ready: {0} on {1}; data in {2}",
                            settings.Hostname, string.Join(", ", sockets.Select(s => $"{s.Service} {s.Socket.LocalEndPoint}")), settings.DataDir);
                        WarnIfPostmasterUnread(system, directory, settings.Aliases.PostmasterAddress);
                    });
                });
        });
        using var host = builder.Build();
        await host.RunAsync();
        return 0;
    }

    /// Postmaster mail is never refused, but nobody reads a mailbox with no user: say so at start.
    private static void WarnIfPostmasterUnread(ActorSystem system, SqlDirectory directory, string postmaster)
    {
        try
        {
            var resolution = directory.ResolveAsync(postmaster).AsTask().GetAwaiter().GetResult();
            if (resolution is Mail.Actors.Directory.RecipientResolution.Deliver { Targets: [{ MailboxId: { } only }] } && only == postmaster
                && directory.FindMailboxAsync(postmaster).AsTask().GetAwaiter().GetResult() is null)
                system.Log.Warning("postmaster: {0} is no user or alias; mail to postmaster@ and abuse@ is kept in its mailbox until you add it (maild user add {0}) or set maild.postmaster",
                    postmaster);
        }
        catch (DirectoryException e)
        {
            system.Log.Warning("postmaster: cannot check {0}: {1}", postmaster, e.Message);
        }
    }

    /// Settings derived from mail.conf that Akka reads from HOCON.
    /// On SQLite the journal is maild's own (same table and rows as Akka.Persistence.Sql's, see
    /// SqliteJournal); server databases keep Akka.Persistence.Sql's. Snapshots are always its.
    private static string JournalPlugin(MaildSettings settings) => settings.Database.IsShared
        ? "akka {}"
        : $$"""
        akka.persistence.journal {
          plugin = "akka.persistence.journal.maild-sqlite"
          maild-sqlite {
            class = "{{typeof(Mail.Host.Persistence.SqliteJournal).AssemblyQualifiedName}}"
            plugin-dispatcher = "akka.actor.default-dispatcher"
            connection-string = "{{DataFolder.JournalConnectionString(settings).Replace("\\", "\\\\").Replace("\"", "\\\"")}}"
          }
        }
        """;

    private static string AkkaTuning(MaildSettings settings) => $$"""
        akka {
          actor.serialize-messages = off
          coordinated-shutdown.phases.service-requests-done.timeout = {{(int)(settings.ShutdownGrace.TotalSeconds + 5)}}s
          coordinated-shutdown.phases.service-unbind.timeout = 15s
          cluster.sharding.distributed-data.durable.keys = []
          cluster.run-coordinated-shutdown-when-down = on
          cluster.split-brain-resolver.active-strategy = keep-majority
          cluster.split-brain-resolver.stable-after = {{(int)settings.Cluster.StableAfter.TotalMilliseconds}}ms
        }
        """;
}
