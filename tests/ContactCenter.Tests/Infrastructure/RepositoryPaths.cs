namespace ContactCenter.Tests.Infrastructure;

public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Test data vendored under tests/vendor (Twilio's OpenAPI description, signature vectors).</summary>
    public static string Vendored(params string[] parts)
    {
        var path = Path.Combine([Root, "tests", "vendor", .. parts]);
        return File.Exists(path) || Directory.Exists(path) ? path : throw new FileNotFoundException($"Expected vendored test data at {path}.");
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ContactCenter.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("ContactCenter.sln not found above " + AppContext.BaseDirectory);
    }
}
