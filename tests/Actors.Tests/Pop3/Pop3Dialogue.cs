using System.Net;
using System.Text;
using Akka.Actor;
using Akka.TestKit;
using Mail.Actors.Connections;
using Mail.Actors.Mailbox;
using Mail.Actors.Pop3;
using Mail.Actors.Tests.Support;

namespace Mail.Actors.Tests.Pop3;

/// <summary>
/// A POP3 session actor without a socket, in front of real <see cref="MailboxActor"/>s on
/// SQLite (through <see cref="TestMailboxRegion"/>) and a real blob store. bob@example.com
/// starts with <see cref="Message1"/> and <see cref="Message2"/>.
/// </summary>
public abstract class Pop3Dialogue : PersistentSpec
{
    protected const string Bob = "bob@example.com";
    protected const string Message1 = "Subject: one\r\n\r\nline1\r\n.dotted\r\nline3\r\n";
    protected const string Message2 = "Subject: two\r\n\r\nbody\r\n";

    protected Pop3Dialogue(ITestOutputHelper output)
        : base(output)
    {
        Region = Sys.ActorOf(TestMailboxRegion.Props(Blobs), "mailboxes");
    }

    protected static int Size1 => Encoding.UTF8.GetByteCount(Message1);

    protected static int Size2 => Encoding.UTF8.GetByteCount(Message2);

    protected IActorRef Region { get; }

    protected InMemoryDirectory Directory { get; set; } = new InMemoryDirectory().WithUser(Bob, "bobpw");

    protected Pop3Settings Settings { get; set; } = Pop3Settings.Defaults("pop.test") with
    {
        AuthFailureDelay = TimeSpan.FromMilliseconds(10),
        MailboxTimeout = TimeSpan.FromSeconds(20),
    };

    /// Bob's mailbox with the two messages; returns its UIDVALIDITY.
    protected async Task<long> SeedBob()
    {
        foreach (var (queueId, body) in new[] { ("QONE", Message1), ("QTWO", Message2) })
        {
            var blobId = await StoreBlob(queueId, body);
            await Region.AskFor<MessageAppended>(new AppendToMailbox(Bob, queueId, blobId, Encoding.UTF8.GetByteCount(body), DateTimeOffset.UtcNow));
        }
        return (await Region.AskFor<MailboxStatus>(new GetMailboxStatus(Bob))).UidValidity;
    }

    /// Failed logins per address, shared by the sessions of one test (the node-wide penalty).
    protected AuthFailures AuthFailures { get; set; } = new();

    /// <param name="mailboxes">The mailbox region the session asks; a probe plays a mailbox that never answers.</param>
    /// <param name="canStartTls">Whether the connection offers STLS (a certificate is configured).</param>
    protected Client Connect(IPEndPoint? remote = null, bool secure = false, IActorRef? mailboxes = null, bool canStartTls = false)
    {
        var wire = CreateTestProbe();
        var connection = new RecordingConnection(wire, remote, secure) { CanStartTls = canStartTls };
        var region = mailboxes ?? Region;
        var services = new SessionServices(Directory, Blobs, region, new Mail.Actors.Intake.MessageIntake(Blobs, region, ActorRefs.Nobody, TimeSpan.FromSeconds(10)))
        {
            AuthFailures = AuthFailures,
        };
        var session = Sys.ActorOf(Pop3Session.Props(connection, Settings, services));
        var client = new Client(this, wire, connection, session);
        client.Expect("+OK maild ready.");
        return client;
    }

    protected void AwaitAssertion(Action assertion) =>
        AwaitAssert(assertion, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(50), TestContext.Current.CancellationToken);

    /// One POP3 client: what it sends and, step by step, what it gets back.
    protected sealed class Client(Pop3Dialogue spec, TestProbe wire, RecordingConnection connection, IActorRef session)
    {
        public RecordingConnection Connection => connection;

        public IActorRef Session => session;

        public void Write(string text) => session.Tell(new Received(Encoding.UTF8.GetBytes(text)), ActorRefs.NoSender);

        /// The next reply, exactly; each line gets its CRLF.
        public void Expect(params string[] lines) =>
            Assert.Equal(string.Concat(lines.Select(l => l + "\r\n")), wire.ExpectMsg<string>(TimeSpan.FromSeconds(10)));

        public void Send(string line, params string[] reply)
        {
            Write(line + "\r\n");
            Expect(reply);
        }

        public void Login(string user = Bob, string password = "bobpw")
        {
            Send("USER " + user, "+OK");
            Send("PASS " + password, "+OK Logged in.");
        }

        /// Nothing more is sent for a moment (e.g. no reply to bytes that must be discarded).
        public void ExpectNothing() => wire.ExpectNoMsg(TimeSpan.FromMilliseconds(300), TestContext.Current.CancellationToken);

        /// Plays the pump: the TLS handshake is done.
        public void Handshake()
        {
            connection.IsSecure = true;
            session.Tell(new TlsEstablished("TLSv1.3", "TLS_AES_256_GCM_SHA384"), ActorRefs.NoSender);
        }

        public void AwaitClosed() => spec.AwaitAssertion(() => Assert.Equal(1, connection.CloseCalls));

        public void Drop()
        {
            spec.Watch(session);
            session.Tell(ConnectionClosed.ByPeer, ActorRefs.NoSender);
            spec.ExpectTerminated(session, TimeSpan.FromSeconds(10), cancellationToken: TestContext.Current.CancellationToken);
        }
    }
}
