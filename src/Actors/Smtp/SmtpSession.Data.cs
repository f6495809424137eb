using Akka.Actor;
using Akka.Event;
using Mail.Actors.Delivery;
using Mail.Actors.Storage;
using Mail.Protocols.Smtp;

namespace Mail.Actors.Smtp;

public sealed partial class SmtpSession
{
    private void OnData()
    {
        StartBody(_transaction!);
        Reply(SmtpReply.StartData);
        _receiver.BeginData();
    }

    /// Opens the spool file and writes the trace headers (DATA, or the first BDAT).
    private void StartBody(SmtpTransaction transaction)
    {
        var queueId = QueueId.New();
        var body = Services.Blobs.Create(queueId);
        transaction.BeginBody(queueId, body);
        var recipients = transaction.Recipients;
        var trace = TraceHeaders.Build(
            transaction.Sender.Address?.ToString() ?? "",
            _heloName!,
            Connection.Remote.Address,
            _settings.Hostname,
            ReceivedProtocol.For(_esmtp, transaction.Parameters.SmtpUtf8, _tls is not null, _authenticatedUser is not null),
            queueId,
            recipients.Count == 1 ? recipients[0].Address.ToString() : null,
            DateTimeOffset.Now,
            _tls is null ? null : $"{_tls.Protocol} with cipher {_tls.CipherSuite}");
        body.Write(trace);
        transaction.TraceLength = trace.Length;
        if (_settings.Role != SmtpRole.Mta)
            transaction.Cleanup = new SubmissionCleanup($"{queueId}@{_settings.Hostname}", DateTimeOffset.Now);
        var sasl = _authenticatedUser is null ? "" : $", sasl_method={_saslMethod}, sasl_username={_authenticatedUser}";
        if (_settings.Role == SmtpRole.Mta)
            Log.Info("{0}: client={1}{2}", queueId, ClientName, sasl);
        else
            Log.Info("{0}: client={1}, service={2}{3}", queueId, ClientName, RoleName, sasl);
    }

    private void OnBodyChunk(ReadOnlySpan<byte> bytes)
    {
        var transaction = _transaction!;
        if (transaction.TooBig)
            return;
        // The limit is on what the client sends (what SIZE= announced), not on our trace headers.
        transaction.ClientBytes += bytes.Length;
        if (transaction.ClientBytes > _settings.MaxMessageSize)
        {
            // Keep reading to the end of DATA (the client will not listen before), but store nothing more.
            transaction.TooBig = true;
            transaction.Body!.Discard();
            return;
        }
        if (transaction.Cleanup is { } cleanup)
            transaction.Body!.Write(cleanup.Feed(bytes).Span);
        else
            transaction.Body!.Write(bytes);
    }

    private void OnEndOfData()
    {
        var transaction = _transaction!;
        if (transaction.TooBig)
        {
            Log.Info("{0}: reject: message too big from {1}", transaction.QueueId!, ClientName);
            ResetTransaction();
            Reply(SmtpReply.MessageTooBig);
            return;
        }
        if (transaction.Cleanup is { } cleanup)
            transaction.Body!.Write(cleanup.Finish().Span);
        Busy = true;
        transaction.Committing = true;
        var p = transaction.Parameters;
        var envelope = new Delivery.Envelope(transaction.Sender.Address?.ToString() ?? "", p.EnvelopeId, p.Return, p.SmtpUtf8, p.Body);
        var recipients = transaction.Recipients
            .Select(r => new DeliveryRecipient(r.Address.ToString(), r.Parameters.Notify, r.Parameters.OriginalRecipient, r.MailboxId))
            .ToArray();
        // Body first (fsync + one link per owner), then every mailbox's append or queue's enqueue.
        Services.Intake.CommitAsync(transaction.QueueId!, envelope, transaction.Body!, recipients, DateTimeOffset.UtcNow).PipeTo(Self,
            success: d => new MessageCommitted(transaction.QueueId!, d),
            failure: e => new CommitFailed(transaction.QueueId!, e));
    }

    private void OnCommitted(MessageCommitted committed)
    {
        Busy = false;
        var transaction = _transaction!;
        Log.Info("{0}: from={1}, size={2}, nrcpt={3}", committed.QueueId, transaction.Sender, transaction.Body!.Length, transaction.Recipients.Count);
        foreach (var d in committed.Dispositions)
        {
            if (d.Delivered)
                Log.Info("{0}: to=<{1}>, relay=local, delay=0, dsn=2.0.0, status=sent (delivered to mailbox)", committed.QueueId, d.Address);
            else
                Log.Info("{0}: to=<{1}>, queued for {2}", committed.QueueId, d.Address, d.Hop);
        }
        Metrics.MailMetrics.Accepted.Increment();
        Metrics.MailMetrics.Delivered.Add(committed.Dispositions.Count(d => d.Delivered));
        _transaction = null;
        _state = SmtpState.Ready;
        Reply(SmtpReply.Queued(committed.QueueId));
        AfterTransaction();
    }

    private void OnCommitFailed(CommitFailed failed)
    {
        Busy = false;
        Log.Error(failed.Cause, "{0}: commit failed, client told to retry", failed.QueueId);
        _transaction = null;
        _state = SmtpState.Ready;
        Reply(new SmtpReply(451, "4.3.0", "Error: queue file write error"));
        AfterTransaction();
    }

    private void AfterTransaction()
    {
        if (_shutdownRequested)
            SayGoodbye();
        else
            Pump();
    }
}
