using System.Diagnostics;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using ContactCenter.Tests.Infrastructure;

namespace ContactCenter.Tests.Hosting;

/// <summary>
/// `dotnet publish -c Release` of a copy of the sources (about a minute): what production runs carries no simulator,
/// and asking it for one stops the start.
/// </summary>
// Integration: a Release publish (slow).
[Trait("Category", "Integration")]
public sealed class ReleasePublishTests(ReleasePublishTests.Published published) : IClassFixture<ReleasePublishTests.Published>
{
    [Fact]
    public void The_release_publish_contains_no_simulator_assembly_and_no_simulator_types()
    {
        Assert.DoesNotContain(Directory.EnumerateFiles(published.Output), file => Path.GetFileName(file).Contains("TwilioSimulator", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("TwilioSimulator", File.ReadAllText(Path.Combine(published.Output, "ContactCenter.Api.deps.json")));

        using var stream = File.OpenRead(published.Dll);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var references = metadata.AssemblyReferences.Select(r => metadata.GetString(metadata.GetAssemblyReference(r).Name));
        Assert.DoesNotContain("ContactCenter.TwilioSimulator", references);
        var types = metadata.TypeDefinitions.Select(t => FullName(metadata, t)).ToList();
        Assert.Contains("ContactCenter.Api.Simulator.SimulatorHosting", types);
        // Only the refusal remains: nothing that could simulate Twilio or accept its public token.
        Assert.Equal(
            ["ContactCenter.Api.Simulator.SimulatorHosting", "ContactCenter.Api.Simulator.SimulatorHosting+SimulatorPlacement"],
            types.Where(t => t.Contains("Simulat", StringComparison.Ordinal) && !t.Contains('<', StringComparison.Ordinal)).Order(StringComparer.Ordinal));
    }

    private static string FullName(MetadataReader metadata, TypeDefinitionHandle handle)
    {
        var type = metadata.GetTypeDefinition(handle);
        var declaring = type.GetDeclaringType();
        return declaring.IsNil
            ? $"{metadata.GetString(type.Namespace)}.{metadata.GetString(type.Name)}"
            : $"{FullName(metadata, declaring)}+{metadata.GetString(type.Name)}";
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task The_release_build_asked_for_the_simulator_prints_one_line_naming_the_key_and_exits_non_zero(string environment)
    {
        var (exitCode, output, errors) = await ServiceProcess.RunUntilExitAsync(published.Dll,
            ("ASPNETCORE_ENVIRONMENT", environment), ("Simulator__Enabled", "true"),
            ("Twilio__AccountSid", ContactCenterFactory.AccountSid), ("Twilio__AuthToken", ContactCenterFactory.AuthToken));

        Assert.NotEqual(0, exitCode);
        var refusal = Assert.Single(errors.Split('\n', StringSplitOptions.TrimEntries), line => line.StartsWith("Configuration error:", StringComparison.Ordinal));
        Assert.StartsWith("Configuration error: Simulator:Enabled is true, but this Release build contains no Twilio simulator", refusal);
        Assert.DoesNotContain(" at ", errors + output);
    }

    /// <summary>Publishes once per test class into a temporary folder, from a copy of the sources (never the working tree's bin/obj).</summary>
    public sealed class Published : IAsyncLifetime
    {
        private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("contactcenter-publish-");

        public string Output => Path.Combine(_root.FullName, "out");

        public string Dll => Path.Combine(Output, "ContactCenter.Api.dll");

        public async Task InitializeAsync()
        {
            foreach (var file in new[] { "global.json", ".editorconfig", "Directory.Build.props", "Directory.Packages.props", "appsettings.json" })
            {
                File.Copy(Path.Combine(RepositoryPaths.Root, file), Path.Combine(_root.FullName, file));
            }

            CopySources(Path.Combine(RepositoryPaths.Root, "src"), Path.Combine(_root.FullName, "src"));
            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = _root.FullName, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { "publish", "src/ContactCenter.Api/ContactCenter.Api.csproj", "-c", "Release", "-o", Output, "--disable-build-servers", "-nologo" })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
            Assert.True(process.ExitCode == 0, $"dotnet publish -c Release failed: {await output}{await errors}");
            Assert.True(File.Exists(Dll), $"No {Dll} after publishing.");
        }

        public Task DisposeAsync()
        {
            _root.Delete(recursive: true);
            return Task.CompletedTask;
        }

        private static void CopySources(string from, string to)
        {
            Directory.CreateDirectory(to);
            foreach (var file in Directory.EnumerateFiles(from))
            {
                File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
            }

            foreach (var directory in Directory.EnumerateDirectories(from).Where(d => Path.GetFileName(d) is not ("bin" or "obj")))
            {
                CopySources(directory, Path.Combine(to, Path.GetFileName(directory)));
            }
        }
    }
}
