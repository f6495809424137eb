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
    public static IList<IMessageSummary> Fetch(IReadOnlyList<MessageSummary> messages, MessageSummaryItems items)
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
            var result = client.Inbox.Fetch(0, -1, items);
            client.Disconnect(true);
            return result;
        }
        finally
        {
            listener.Stop();
            server.Wait(TimeSpan.FromSeconds(10));
        }
    }

    private static void Serve(TcpListener listener, IReadOnlyList<MessageSummary> messages)
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
                case "FETCH":
                    for (var i = 0; i < messages.Count; i++)
                        stream.Write(FetchResponse(i + 1, messages[i], command));
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

    private static byte[] FetchResponse(int sequence, MessageSummary m, string command)
    {
        var items = new List<(FetchAttribute, FetchValue)>();
        if (command.Contains("UID", StringComparison.Ordinal))
            items.Add((FetchAttribute.Uid, FetchValue.Of(sequence)));
        if (command.Contains("ENVELOPE", StringComparison.Ordinal))
            items.Add((FetchAttribute.Envelope, new FetchValue.Rendered(m.Envelope)));
        if (command.Contains("BODYSTRUCTURE", StringComparison.Ordinal))
            items.Add((FetchAttribute.BodyStructure, new FetchValue.Rendered(m.BodyStructure)));
        else if (command.Contains("BODY", StringComparison.Ordinal))
            items.Add((FetchAttribute.Body, new FetchValue.Rendered(m.Body)));
        if (command.Contains("RFC822.SIZE", StringComparison.Ordinal))
            items.Add((FetchAttribute.Rfc822Size, FetchValue.Of(m.Size)));
        return FetchResponseWriter.Write(sequence, items);
    }
}
