namespace Mail.Actors.Tests.Support;

/// A fresh folder under the system temp dir, removed (best effort) on dispose.
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "maild-actors-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// Every file below <paramref name="sub"/>, relative names, for "nothing left behind" assertions.
    public string[] FilesUnder(string sub)
    {
        var root = Combine(sub);
        return System.IO.Directory.Exists(root)
            ? [.. System.IO.Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Select(f => System.IO.Path.GetRelativePath(root, f))]
            : [];
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
