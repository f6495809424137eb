using Mail.Host.Management;
using Xunit;

namespace Mail.Host.Tests.Management;

public sealed class ManagementTokenTests : IDisposable
{
    private readonly string _folder = System.IO.Directory.CreateTempSubdirectory("maild-token-").FullName;

    public void Dispose() => System.IO.Directory.Delete(_folder, recursive: true);

    [Fact]
    public void The_token_file_is_created_owner_only_and_reused_on_the_next_start()
    {
        var path = Path.Combine(_folder, "sub", "management.token");

        var first = ManagementToken.EnsureAndRead(path);
        var second = ManagementToken.EnsureAndRead(path);

        Assert.Matches("^[0-9a-f]{64}$", first);
        Assert.Equal(first, second);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal([path], System.IO.Directory.GetFiles(Path.GetDirectoryName(path)!)); // no temporary left behind
    }

    [Fact]
    public void An_existing_token_file_is_used_as_it_is()
    {
        var path = Path.Combine(_folder, "management.token");
        File.WriteAllText(path, "chosen-by-the-admin\n");

        Assert.Equal("chosen-by-the-admin", ManagementToken.EnsureAndRead(path));
    }

    [Fact]
    public void Concurrent_starts_agree_on_one_token()
    {
        var path = Path.Combine(_folder, "management.token");

        var tokens = Enumerable.Range(0, 8).AsParallel().Select(_ => ManagementToken.EnsureAndRead(path)).ToArray();

        Assert.Single(tokens.Distinct());
    }

    [Theory]
    [InlineData("secret", "secret", true)]
    [InlineData("secret", "secreT", false)]
    [InlineData("secret", "secret-and-more", false)]
    [InlineData("secret", "", false)]
    [InlineData("secret", null, false)]
    public void Tokens_are_compared_exactly(string expected, string? presented, bool matches) =>
        Assert.Equal(matches, ManagementToken.Matches(expected, presented));
}
