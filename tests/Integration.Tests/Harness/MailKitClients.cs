using MailKit.Net.Pop3;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Mail.Integration.Tests.Harness;

/// The real client library a user's mail program would use, pointed at the test's maild.
public static class MailKitClients
{
    public static MimeMessage NewMessage(string from, string to, string subject, string body, string? messageId = null)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.MessageId = messageId ?? MimeKit.Utils.MimeUtils.GenerateMessageId("client.example.test");
        message.Body = new TextPart("plain") { Text = body };
        return message;
    }

    public static async Task<SmtpClient> ConnectSmtpAsync(int port, CancellationToken ct = default)
    {
        var client = new SmtpClient { LocalDomain = "client.example.test", Timeout = 60_000 };
        await client.ConnectAsync("127.0.0.1", port, SecureSocketOptions.None, ct);
        return client;
    }

    /// One message on its own connection; returns the server's final reply text.
    public static async Task<string> SendAsync(int port, MimeMessage message)
    {
        using var client = await ConnectSmtpAsync(port);
        var reply = await client.SendAsync(message);
        await client.DisconnectAsync(quit: true);
        return reply;
    }

    /// Logs in, retrying while a previous session's lock is being released ([IN-USE]).
    public static async Task<Pop3Client> ConnectPop3Async(int port, string user, string password)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var client = new Pop3Client { Timeout = 60_000 };
            await client.ConnectAsync("127.0.0.1", port, SecureSocketOptions.None);
            try
            {
                await client.AuthenticateAsync(user, password);
                return client;
            }
            catch (AuthenticationException e) when (e.Message.Contains("[IN-USE]", StringComparison.Ordinal) && !deadline.IsCancellationRequested)
            {
                client.Dispose();
                await Task.Delay(100, CancellationToken.None);
            }
            catch
            {
                client.Dispose();
                throw;
            }
        }
    }

    /// Every message in the mailbox, in message-number order, in one session ended by QUIT.
    public static async Task<IReadOnlyList<MimeMessage>> FetchAllAsync(int port, string user, string password)
    {
        using var client = await ConnectPop3Async(port, user, password);
        var messages = client.Count == 0 ? [] : await client.GetMessagesAsync(0, client.Count);
        await client.DisconnectAsync(quit: true);
        return [.. messages];
    }
}
