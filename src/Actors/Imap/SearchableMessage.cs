using Mail.Actors.Storage;
using Mail.Protocols.Imap;

namespace Mail.Actors.Imap;

/// <summary>
/// One message as the SEARCH evaluator sees it. The summary and the body are loaded only
/// when the search needs them (<see cref="SearchNeeds"/>), before evaluation, off the actor.
/// </summary>
public sealed class SearchableMessage(SearchCandidate candidate, IBlobStore blobs, MessageSummaryStore? summaries, bool needSummary, bool needBody)
    : ISearchableMessage
{
    private MessageSummary? _summary;
    private byte[]? _body;

    public long Sequence => candidate.Sequence;
    public long Uid => candidate.Message.Uid;
    public IReadOnlyList<string> Flags => candidate.Message.Flags;
    public bool Recent => candidate.Recent;
    public DateTimeOffset InternalDate => candidate.Message.InternalDate;
    public long Size => candidate.Message.Size;
    public ulong ModSeq => candidate.Message.ModSeq;
    public MessageSummary Summary => _summary ?? throw new InvalidOperationException("summary not loaded");

    public async Task LoadAsync()
    {
        if (needBody)
            _body = await blobs.ReadAllAsync(candidate.Message.BlobId);
        if (needSummary)
        {
            _summary = summaries is null
                ? MessageSummary.Create(_body ?? await blobs.ReadAllAsync(candidate.Message.BlobId))
                : await summaries.GetAsync(candidate.Message.BlobId, _body);
        }
    }

    public string? Header(string field)
    {
        if (_summary is not null && _summary.TryGetHeader(field, out var value))
            return value;
        return _body is null ? null : MessageText.Header(new MemoryStream(_body, writable: false), field);
    }

    public string Text(bool headersToo) =>
        _body is null ? "" : MessageText.Extract(new MemoryStream(_body, writable: false), headersToo);
}
