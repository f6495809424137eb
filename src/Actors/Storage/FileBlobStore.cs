namespace Mail.Actors.Storage;

/// <summary>
/// Bodies as files under the data folder, Maildir-like: written into <c>spool/</c>, renamed
/// (and hard-linked for further recipients) into <c>blobs/XX/</c>, then fsync'd. A crash
/// before the rename leaves only a spool file, which start-up removes; a crash after it leaves
/// a blob that no mailbox references (nothing is appended before the fsync returns, and the
/// sender, never told 250, sends again under a new queue id). Fan-out over 1024 folders keeps
/// directories small.
/// </summary>
/// <remarks>
/// The fsync comes after the rename and links, so that it also makes the new names durable on
/// the file systems mail is kept on: ext4 commits the rename with the inode in its journal, and
/// without a journal syncs the parent folder of a newly linked inode (ext4_sync_parent); XFS
/// and btrfs log the new names with the inode; an NFS server makes a rename durable before it
/// answers. Postfix relies on the same for its queue files (it never fsyncs a folder). Strict
/// POSIX asks for a directory fsync as well: <see cref="FsyncFolders"/> adds it, at the cost
/// of one more disk flush per message.
/// </remarks>
public sealed class FileBlobStore : IBlobStore
{
    private readonly string _spool;
    private readonly string _blobs;

    public FileBlobStore(string dataFolder, bool fsyncFolders = false) : this(dataFolder, Path.Combine(dataFolder, "spool"), fsyncFolders)
    {
    }

    /// Bodies under <paramref name="mailFolder"/>/blobs, spooled in <paramref name="spoolFolder"/>,
    /// which must be on the same file system (a finished body is renamed into place). A cluster
    /// gives each node its own spool folder in the shared mail folder.
    public FileBlobStore(string mailFolder, string spoolFolder, bool fsyncFolders = false)
    {
        FsyncFolders = fsyncFolders;
        _spool = spoolFolder;
        _blobs = Path.Combine(mailFolder, "blobs");
        System.IO.Directory.CreateDirectory(_spool);
        System.IO.Directory.CreateDirectory(_blobs);
    }

    /// Whether a new body's folder is fsync'd too, after the body itself (`maild.fsync-folders`).
    public bool FsyncFolders { get; }

    /// Spool files left by a crash mid-DATA never got a 250: they are garbage.
    public int CleanSpool()
    {
        var removed = 0;
        foreach (var file in System.IO.Directory.EnumerateFiles(_spool))
        {
            File.Delete(file);
            removed++;
        }
        return removed;
    }

    public IIncomingBlob Create(string queueId) => new IncomingFileBlob(this, Path.Combine(_spool, queueId + ".tmp"));

    public Task<byte[]> ReadAllAsync(string blobId, CancellationToken ct = default) => File.ReadAllBytesAsync(PathOf(blobId), ct);

    public void Delete(string blobId)
    {
        var path = PathOf(blobId);
        if (File.Exists(path))
            File.Delete(path);
        if (File.Exists(path + SidecarSuffix))
            File.Delete(path + SidecarSuffix);
    }

    // "ID.0.sum" can never be a blob id: those end in ".n" or ".hXXXXXXXX".
    private const string SidecarSuffix = ".sum";

    public async Task<byte[]?> ReadSidecarAsync(string blobId, CancellationToken ct = default)
    {
        var path = PathOf(blobId) + SidecarSuffix;
        try
        {
            return await File.ReadAllBytesAsync(path, ct);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public async Task WriteSidecarAsync(string blobId, byte[] data)
    {
        // Written aside and renamed, so a reader never sees half a sidecar.
        var path = PathOf(blobId) + SidecarSuffix;
        // A body kept elsewhere (SqliteBlobStore's rows) may have no folder here yet; a sidecar
        // can be derived again, so the new folder needs no fsync.
        System.IO.Directory.CreateDirectory(FolderOf(blobId));
        var temp = path + "." + Guid.NewGuid().ToString("N")[..8];
        await File.WriteAllBytesAsync(temp, data);
        File.Move(temp, path, overwrite: true);
    }

    public bool Exists(string blobId) => File.Exists(PathOf(blobId));

    public Task LinkAsync(string existingId, string newId)
    {
        var existing = PathOf(existingId);
        var target = PathOf(newId);
        return SyncWorkers.Run(() =>
        {
            if (File.Exists(target))
                return;
            EnsureFolder(FolderOf(newId));
            PosixFiles.HardLink(existing, target);
            // As for a new body: the file's fsync after the link carries the new name.
            using (var file = new FileStream(target, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete))
                file.Flush(flushToDisk: true);
            if (FsyncFolders)
                PosixFiles.FsyncDirectory(FolderOf(newId));
        });
    }

    // A new fan-out folder is itself a directory entry that must reach the disk.
    internal static void EnsureFolder(string folder)
    {
        if (System.IO.Directory.Exists(folder))
            return;
        System.IO.Directory.CreateDirectory(folder);
        PosixFiles.FsyncDirectory(Path.GetDirectoryName(folder)!);
    }

    internal string PathOf(string blobId)
    {
        if (blobId.Length < 4 || blobId.IndexOfAny(['/', '\\']) >= 0 || blobId.Contains(".."))
            throw new ArgumentException($"invalid blob id {blobId}", nameof(blobId));
        return Path.Combine(_blobs, FanOut(blobId), blobId);
    }

    internal string FolderOf(string blobId) => Path.Combine(_blobs, FanOut(blobId));

    // Queue ids start with time and end in random characters: fan out on the random end
    // of the queue id (before the ".n" recipient suffix), so one second's mail spreads out.
    private static string FanOut(string blobId)
    {
        var dot = blobId.IndexOf('.');
        var q = dot > 0 ? blobId.AsSpan(0, dot) : blobId.AsSpan();
        return q.Length >= 2 ? q[^2..].ToString().ToLowerInvariant() : "00";
    }
}
