using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using ContactCenter.Tests.Infrastructure;

namespace ContactCenter.Tests.Reactions;

/// <summary>
/// The service as a real child process (<c>dotnet ContactCenter.Api.dll</c> from the API's build output) on a SQLite file,
/// its REST requests going to a fake Twilio; <see cref="Kill"/> is SIGKILL: no shutdown code runs.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    public const string AdminKey = "crash-test-admin-key-0123456789";

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServiceProcess(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
        Http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
    }

    public string BaseUrl { get; }

    public HttpClient Http { get; }

    public string Output { get { lock (_output) { return _output.ToString(); } } }

    public static string ApiAssembly
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
            var path = Path.Combine(RepositoryPaths.Root, "src", "ContactCenter.Api", "bin", configuration, "net10.0", "ContactCenter.Api.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("Build the API first: expected its output at " + path);
        }
    }

    public static async Task<ServiceProcess> StartAsync(string sqlitePath, string twilioBaseUrl, params (string Key, string Value)[] settings)
    {
        var port = FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(ApiAssembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ApiAssembly);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseUrl);
        foreach (var (key, value) in new (string, string)[]
        {
            ("ASPNETCORE_ENVIRONMENT", "Production"),
            ("Twilio__AccountSid", ContactCenterFactory.AccountSid),
            ("Twilio__AuthToken", ContactCenterFactory.AuthToken),
            ("Twilio__ApiBaseUrl", twilioBaseUrl),
            ("Twilio__PublicBaseUrl", baseUrl),
            ("Twilio__CallerId", "client:contactcenter"),
            ("Storage__Provider", "Sqlite"),
            ("Storage__SqlitePath", sqlitePath),
            ("Simulator__Enabled", "false"),
            ("Admin__ApiKeys__0__Name", "ops"),
            ("Admin__ApiKeys__0__Key", AdminKey),
            ("Reactions__PollInterval", "00:00:00.100"),
        }.Concat(settings.Select(s => (s.Key.Replace(":", "__", StringComparison.Ordinal), s.Value))))
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        var service = new ServiceProcess(process, baseUrl);
        process.OutputDataReceived += (_, e) => service.Append(e.Data);
        process.ErrorDataReceived += (_, e) => service.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            Assert.False(process.HasExited, "the service exited at start:\n" + service.Output);
            Assert.True(DateTime.UtcNow < deadline, "the service did not start within 30 s:\n" + service.Output);
            try
            {
                if ((await service.Http.GetAsync("/healthz")).StatusCode == HttpStatusCode.OK)
                {
                    return service;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(50);
        }
    }

    /// <summary>SIGKILL, then waits until the process is gone.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>Posts a callback signed as Twilio signs it for this service's public URL; insists on 200.</summary>
    public async Task CallbackAsync(string path, IEnumerable<KeyValuePair<string, string>> form)
    {
        var response = await Http.SendAsync(TwilioSigner.SignedPost(BaseUrl + path, form));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode}");
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
        Http.Dispose();
        return ValueTask.CompletedTask;
    }
}
