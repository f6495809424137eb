namespace Mail.Actors.Storage;

internal sealed class IncomingFileBlob : IIncomingBlob
{
    private readonly FileBlobStore _store;
    private readonly string _spoolPath;
    private FileStream? _file;

    public IncomingFileBlob(FileBlobStore store, string spoolPath)
    {
        _store = store;
        _spoolPath = spoolPath;
        _file = new FileStream(spoolPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024);
    }

    public long Length { get; private set; }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        (_file ?? throw new ObjectDisposedException(_spoolPath)).Write(bytes);
        Length += bytes.Length;
    }

    public Task CommitAsync(IReadOnlyList<string> blobIds)
    {
        if (blobIds.Count == 0)
            throw new ArgumentException("a blob needs at least one id", nameof(blobIds));
        var file = _file ?? throw new ObjectDisposedException(_spoolPath);
        _file = null;
        // fsync and directory syncs block: keep them off the actors' threads.
        return SyncWorkers.Run(() =>
        {
            try
            {
                file.Flush(flushToDisk: false);
                var folders = new HashSet<string>();
                var first = _store.PathOf(blobIds[0]);
                var folder = _store.FolderOf(blobIds[0]);
                FileBlobStore.EnsureFolder(folder);
                File.Move(_spoolPath, first);
                folders.Add(folder);
                for (var i = 1; i < blobIds.Count; i++)
                {
                    folder = _store.FolderOf(blobIds[i]);
                    FileBlobStore.EnsureFolder(folder);
                    PosixFiles.HardLink(first, _store.PathOf(blobIds[i]));
                    folders.Add(folder);
                }
                // Published first, synced second: the file's fsync then also carries its new
                // names to disk (see FileBlobStore), so one flush makes the body durable.
                file.Flush(flushToDisk: true);
                if (_store.FsyncFolders)
                {
                    foreach (var f in folders)
                        PosixFiles.FsyncDirectory(f);
                }
            }
            finally
            {
                file.Dispose();
            }
        });
    }

    public void Discard()
    {
        _file?.Dispose();
        _file = null;
        if (File.Exists(_spoolPath))
            File.Delete(_spoolPath);
    }

    public void Dispose() => Discard();
}
