using System.Diagnostics;

namespace ContactCenter.Tests.Infrastructure;

/// <summary>The service as its own process (a built or published ContactCenter.Api.dll), for what only a real start shows.</summary>
public static class ServiceProcess
{
    /// <summary>The Debug build the tests run against, copied beside the test assembly.</summary>
    public static string BuiltDll => Path.Combine(AppContext.BaseDirectory, "ContactCenter.Api.dll");

    /// <summary>
    /// Starts <paramref name="dll"/> in a scratch directory holding the repository's appsettings.json, with only
    /// <paramref name="environment"/> as configuration from the environment, and waits for it to exit (it is killed,
    /// and the test fails, if it keeps running).
    /// </summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunUntilExitAsync(string dll, params (string Key, string Value)[] environment)
    {
        var directory = Directory.CreateTempSubdirectory("contactcenter-process-");
        try
        {
            File.Copy(Path.Combine(RepositoryPaths.Root, "appsettings.json"), Path.Combine(directory.FullName, "appsettings.json"));
            return await RunAsync(dll, directory.FullName, environment);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Output, string Errors)> RunAsync(string dll, string workingDirectory, (string Key, string Value)[] environment)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        foreach (var key in start.Environment.Keys.Where(IsServiceSetting).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException canceled)
        {
            process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException($"{dll} kept running; it was expected to refuse to start. Output: {await output}", canceled);
        }

        return (process.ExitCode, await output, await errors);
    }

    private static bool IsServiceSetting(string key) =>
        key.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase) || key.StartsWith("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase) ||
        key.Contains("__", StringComparison.Ordinal);
}
