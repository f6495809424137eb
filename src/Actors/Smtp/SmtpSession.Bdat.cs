using Mail.Protocols.Smtp;

namespace Mail.Actors.Smtp;

/// <summary>
/// CHUNKING (RFC 3030). The receiver counts off the octets after every BDAT line by itself;
/// the session only decides whether they are kept (<see cref="SmtpReceiver.AcceptChunk"/>) and
/// answers each BDAT once its octets were read: 250 per chunk, the commit's reply after LAST
/// (the DATA path, <see cref="OnEndOfData"/>), or the refusal decided when the line came.
/// The first chunk opens the spool file with the trace headers, as DATA does; the size limit is
/// checked against the declared size, so an oversized chunk is read, dropped, and refused 552.
/// </summary>
public sealed partial class SmtpSession
{
    // The reply owed to a refused BDAT, sent when its octets have been skipped.
    private SmtpReply? _chunkRefusal;

    private void OnBdat(Bdat bdat)
    {
        if (!_esmtp || !_settings.Chunking)
        {
            _chunkRefusal = SmtpReply.NotImplemented;
            return;
        }
        if (!SmtpStateTable.IsAllowed(_state, bdat.Verb))
        {
            _chunkRefusal = SmtpStateTable.BadSequence(_state, bdat.Verb);
            return;
        }
        var transaction = _transaction!;
        if (transaction.Body is null)
            StartBody(transaction);
        _state = SmtpStateTable.Next(_state, bdat.Verb);
        if (!transaction.TooBig && transaction.Body!.Length - transaction.TraceLength + bdat.Size > _settings.MaxMessageSize)
        {
            // Read on (the client sends the octets anyway) but keep nothing; 552 at the chunk's end.
            transaction.TooBig = true;
            transaction.Body.Discard();
        }
        if (!transaction.TooBig)
            _receiver.AcceptChunk();
    }

    private void OnChunkEnd(ChunkEnd end)
    {
        if (_chunkRefusal is { } refusal)
        {
            _chunkRefusal = null;
            Error(refusal);
            return;
        }
        // TooBig: the DATA path logs, drops the transaction and answers 552 5.3.4. Later BDATs
        // already in the pipeline find no transaction and are skipped with a 503 each.
        if (end.Last || _transaction!.TooBig)
            OnEndOfData();
        else
            Reply(SmtpReply.ChunkReceived(end.Size));
    }
}
