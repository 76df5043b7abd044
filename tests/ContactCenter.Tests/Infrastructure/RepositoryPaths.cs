namespace ContactCenter.Tests.Infrastructure;

public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The shared folder that stands beside the clone (CI and every developer machine have it).</summary>
    public static string Shared(params string[] parts)
    {
        var shared = Environment.GetEnvironmentVariable("CONTACTCENTER_SHARED") ?? Path.Combine(Root, "..", "shared");
        var path = Path.GetFullPath(Path.Combine([shared, .. parts]));
        return File.Exists(path) || Directory.Exists(path)
            ? path
            : throw new FileNotFoundException($"Expected {path}: the shared/ folder must stand beside the repository (or set CONTACTCENTER_SHARED).");
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
