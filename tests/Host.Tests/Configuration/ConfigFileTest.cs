using Mail.Host.Configuration;

namespace Mail.Host.Tests.Configuration;

/// Base of tests that load a config file written into their own temp folder (no environment).
public abstract class ConfigFileTest : IDisposable
{
    private readonly string _folder = System.IO.Directory.CreateTempSubdirectory("maild-config-test-").FullName;

    protected static readonly Dictionary<string, string?> NoEnvironment = [];

    public void Dispose()
    {
        System.IO.Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    protected MaildSettings Load(string text)
    {
        var path = Path.Combine(_folder, $"{Guid.NewGuid():N}.conf");
        File.WriteAllText(path, text);
        return MaildSettings.From(ConfigLoader.Load(path, NoEnvironment));
    }
}
