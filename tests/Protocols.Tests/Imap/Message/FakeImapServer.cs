using System.Net;
using System.Net.Sockets;
using System.Text;
using MailKit;
using MailKit.Net.Imap;
using Mail.Protocols.Imap;
using MessageSummary = Mail.Protocols.Imap.MessageSummary;

namespace Mail.Protocols.Tests.Imap.Message;

/// <summary>
/// A scripted IMAP server on loopback that answers just enough for MailKit's ImapClient to log in,
/// open INBOX and FETCH: the FETCH responses carry our pre-rendered ENVELOPE, BODY and
/// BODYSTRUCTURE, so MailKit's own parser reads them back.
/// </summary>
internal static class FakeImapServer
{
    public static IList<IMessageSummary> Fetch(IReadOnlyList<MessageSummary> messages, MessageSummaryItems items) =>
        Run(messages.Select(m => (Array.Empty<byte>(), m)).ToList(), inbox => inbox.Fetch(0, -1, items));

    /// Opens INBOX over the messages and lets <paramref name="use"/> talk to it through MailKit.
    public static T Run<T>(IReadOnlyList<(byte[] Raw, MessageSummary Summary)> messages, Func<IMailFolder, T> use)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var server = Task.Run(() => Serve(listener, messages));
        try
        {
            using var client = new ImapClient();
            client.Connect("127.0.0.1", port, MailKit.Security.SecureSocketOptions.None);
            client.Authenticate("user", "pass");
            client.Inbox.Open(FolderAccess.ReadOnly);
            var result = use(client.Inbox);
            client.Disconnect(true);
            return result;
        }
        finally
        {
            listener.Stop();
            server.Wait(TimeSpan.FromSeconds(10));
        }
    }

    public static readonly DateTimeOffset InternalDate = new(2024, 2, 7, 5, 6, 7, TimeSpan.FromHours(-5));

    private static void Serve(TcpListener listener, IReadOnlyList<(byte[] Raw, MessageSummary Summary)> messages)
    {
        using var socket = listener.AcceptTcpClient();
        using var stream = socket.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        void Send(string text) => stream.Write(Encoding.ASCII.GetBytes(text));
        Send("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] fake ready\r\n");
        while (reader.ReadLine() is { } line)
        {
            var space = line.IndexOf(' ');
            var tag = line[..space];
            var command = line[(space + 1)..];
            var verb = command.Split(' ')[0].ToUpperInvariant();
            switch (verb)
            {
                case "CAPABILITY":
                    Send("* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n" + tag + " OK done\r\n");
                    break;
                case "AUTHENTICATE" or "LOGIN":
                    Send(tag + " OK logged in\r\n");
                    break;
                case "LIST":
                    Send((command.Contains("INBOX") ? "* LIST (\\HasNoChildren) \"/\" INBOX\r\n" : "* LIST (\\Noselect) \"/\" \"\"\r\n") + tag + " OK done\r\n");
                    break;
                case "SELECT" or "EXAMINE":
                    Send($"* {messages.Count} EXISTS\r\n* 0 RECENT\r\n* FLAGS (\\Seen)\r\n* OK [UIDVALIDITY 7] ok\r\n* OK [UIDNEXT {messages.Count + 1}] ok\r\n{tag} OK [READ-ONLY] done\r\n");
                    break;
                case "FETCH" or "UID":
                    foreach (var i in Requested(command, messages.Count))
                        stream.Write(FetchResponse(i, messages[i - 1], command));
                    Send(tag + " OK done\r\n");
                    break;
                case "LOGOUT":
                    Send("* BYE bye\r\n" + tag + " OK done\r\n");
                    return;
                default:
                    Send(tag + " OK done\r\n");
                    break;
            }
        }
    }

    /// "FETCH 1:* (...)", "FETCH 2 (...)" or "UID FETCH 2 (...)" (UIDs equal sequence numbers here).
    private static IEnumerable<int> Requested(string command, int count)
    {
        var set = command.Split(' ')[command.StartsWith("UID", StringComparison.OrdinalIgnoreCase) ? 2 : 1];
        if (set.EndsWith(":*", StringComparison.Ordinal))
            return Enumerable.Range(int.Parse(set[..^2]), count - int.Parse(set[..^2]) + 1);
        return set.Split(',').Select(int.Parse);
    }

    private static byte[] FetchResponse(int sequence, (byte[] Raw, MessageSummary Summary) message, string command)
    {
        var m = message.Summary;
        var items = new List<(FetchAttribute, FetchValue)>();
        if (command.Contains("UID", StringComparison.Ordinal))
            items.Add((FetchAttribute.Uid, FetchValue.Of(sequence)));
        if (command.Contains("ENVELOPE", StringComparison.Ordinal))
            items.Add((FetchAttribute.Envelope, new FetchValue.Rendered(m.Envelope)));
        if (command.Contains("FLAGS", StringComparison.Ordinal))
            items.Add((FetchAttribute.Flags, new FetchValue.FlagSet(["\\Seen", "$Label1"])));
        if (command.Contains("INTERNALDATE", StringComparison.Ordinal))
            items.Add((FetchAttribute.InternalDate, new FetchValue.Date(InternalDate)));
        foreach (var section in TestSections.Requested(command))
            items.Add((section, new FetchValue.Octets(BodySectionReader.Fetch(message.Raw, m, section))));
        if (command.Contains("BODYSTRUCTURE", StringComparison.Ordinal))
            items.Add((FetchAttribute.BodyStructure, new FetchValue.Rendered(m.BodyStructure)));
        else if (command.Contains("BODY ", StringComparison.Ordinal) || command.Contains("BODY)", StringComparison.Ordinal))
            items.Add((FetchAttribute.Body, new FetchValue.Rendered(m.Body)));
        if (command.Contains("RFC822.SIZE", StringComparison.Ordinal))
            items.Add((FetchAttribute.Rfc822Size, FetchValue.Of(m.Size)));
        return FetchResponseWriter.Write(sequence, items);
    }
}
