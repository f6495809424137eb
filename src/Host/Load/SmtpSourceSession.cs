using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Mail.Host.Load;

/// <summary>
/// One smtp-source session: takes message numbers from the shared <see cref="LoadRun"/> until
/// none are left. Each message opens a connection (greeting, EHLO, optional STARTTLS and
/// AUTH PLAIN) unless the previous one is still open under -d, then sends MAIL, RCPT... and
/// DATA, in one write when the server offers PIPELINING (RFC 2920: DATA ends the group), and
/// the pre-built body. A failed reply is counted, the transaction reset with RSET, and the
/// next message goes on; a broken connection is counted and the next message reconnects.
/// </summary>
public sealed class SmtpSourceSession(LoadRun run, int id)
{
    private readonly SourceOptions _options = run.Options;
    private LoadConnection? _connection;
    private bool _pipelining;

    public SessionStats Stats { get; } = new();

    public async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested && run.TryTake(out var number))
        {
            try
            {
                var ready = _connection is null ? await OpenAsync(ct) : 250;
                var start = Stopwatch.GetTimestamp();
                var code = ready == 250 ? await TransactionAsync(number) : ready;
                Record(code, start);
                // Without -d every message has its own connection, as with smtp-source; a
                // refused greeting, EHLO or AUTH leaves nothing worth keeping either.
                if (!_options.KeepConnection || ready != 250 || code == 421)
                    await CloseAsync(quit: code != 421);
            }
            catch (Exception e)
            {
                await DropAsync();
                // Ctrl-C: the message in flight is neither sent nor failed; the summary covers the rest.
                if (ct.IsCancellationRequested)
                    break;
                Stats.Broken(e);
                run.Done(ok: false);
            }
        }
        await CloseAsync(quit: true);
    }

    private void Record(int code, long start)
    {
        var reply = code.ToString(CultureInfo.InvariantCulture);
        if (code == 250)
            Stats.Success(reply, start);
        else
            Stats.Failure(reply);
        run.Done(code == 250);
    }

    /// Connects and greets; 250 when ready for MAIL, else the reply code that refused us.
    private async Task<int> OpenAsync(CancellationToken ct)
    {
        var c = _connection = await LoadConnection.OpenAsync(_options, ct);
        var code = await c.SmtpReplyAsync();
        if (code != 220)
            return code;
        code = await EhloAsync(c);
        if (code != 250)
            return code;
        if (_options.Security == LoadSecurity.StartTls)
        {
            code = await c.SmtpAsync("STARTTLS");
            if (code != 220)
                return code;
            await c.StartTlsAsync();
            code = await EhloAsync(c);
            if (code != 250)
                return code;
        }
        if (_options.Auth is { } auth)
        {
            var plain = Convert.ToBase64String(Encoding.UTF8.GetBytes($"\0{auth.Name}\0{auth.Password}"));
            code = await c.SmtpAsync($"AUTH PLAIN {plain}");
            if (code != 235)
                return code;
        }
        return 250;
    }

    /// EHLO, falling back to smtp-source's HELO for a server that does not know it.
    private async Task<int> EhloAsync(LoadConnection c)
    {
        _pipelining = false;
        var code = await c.SmtpAsync($"EHLO {_options.MyHostname}", line =>
            _pipelining |= Ascii.EqualsIgnoreCase(line.Span.Trim((byte)' '), "PIPELINING"u8));
        return code is >= 500 and < 600 ? await c.SmtpAsync($"HELO {_options.MyHostname}") : code;
    }

    /// One message; returns the reply that decided it (the final 250 when it went through).
    private async Task<int> TransactionAsync(long number)
    {
        var c = _connection!;
        var rcpts = _options.RecipientsPerMessage;
        var group = _pipelining && _options.Pipelining;
        c.Append(run.Template.MailFrom);
        if (!group)
            await c.FlushAsync();
        var mail = group ? 0 : await c.SmtpReplyAsync();
        if (!group && mail != 250)
            return await ResetAsync(mail, dataStarted: false);

        var accepted = 0;
        var refused = 0;
        for (var i = 0; i < rcpts; i++)
        {
            c.Append(run.Template.Rcpt(i, run.NextUnique).Span);
            if (group)
                continue;
            await c.FlushAsync();
            var code = await c.SmtpReplyAsync();
            if (code is 250 or 251)
                accepted++;
            else
                refused = refused == 0 ? code : refused;
        }
        if (!group && accepted == 0)
            return await ResetAsync(refused, dataStarted: false);

        c.Append(MessageTemplate.Data.Span);
        await c.FlushAsync();
        if (group)
        {
            // The replies come in the order of the commands (RFC 2920, section 3.1).
            mail = await c.SmtpReplyAsync();
            for (var i = 0; i < rcpts; i++)
            {
                var code = await c.SmtpReplyAsync();
                if (code is 250 or 251)
                    accepted++;
                else
                    refused = refused == 0 ? code : refused;
            }
        }
        var data = await c.SmtpReplyAsync();
        var decided = mail != 250 ? mail : accepted == 0 ? refused : data;
        if (decided != 354)
            return await ResetAsync(decided, dataStarted: data == 354);

        c.Append(run.Template.Headers(id, number, DateTimeOffset.UtcNow));
        c.Append(run.Template.Payload);
        await c.FlushAsync();
        return await c.SmtpReplyAsync();
    }

    /// After a refusal: end a DATA the server started anyway with an empty message, then RSET
    /// so that the session can go on. Returns the code that refused the message.
    private async Task<int> ResetAsync(int refusal, bool dataStarted)
    {
        var c = _connection!;
        if (refusal == 421)
            return refusal;
        if (dataStarted)
        {
            c.Append(".\r\n"u8);
            await c.FlushAsync();
            await c.SmtpReplyAsync();
        }
        var reset = await c.SmtpAsync("RSET");
        if (reset != 250)
            await CloseAsync(quit: false);
        return refusal;
    }

    private async Task CloseAsync(bool quit)
    {
        if (_connection is not { } c)
            return;
        try
        {
            if (quit)
                await c.SmtpAsync("QUIT");
        }
        catch (Exception)
        {
            // QUIT is a courtesy: the message was counted already, and a server that hangs up
            // on it (or a Ctrl-C while it waits) costs nothing.
        }
        await DropAsync();
    }

    private async Task DropAsync()
    {
        if (_connection is { } c)
        {
            _connection = null;
            await c.DisposeAsync();
        }
    }
}
