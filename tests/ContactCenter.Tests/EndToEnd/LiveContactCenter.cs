using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using ContactCenter.Api.Conferences;
using ContactCenter.TwilioSimulator;
using ContactCenter.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ContactCenter.Tests.EndToEnd;

/// <summary>
/// The whole contact center on real sockets: the service on Kestrel with the Twilio simulator embedded, so every
/// REST request and every signed webhook crosses loopback HTTP. Tests drive it as ops and phones would.
/// </summary>
public sealed class LiveContactCenter : IAsyncDisposable
{
    public const string CallerNumber = "+14155551234";

    private readonly ContactCenterFactory _factory;

    private LiveContactCenter(ContactCenterFactory factory, string baseUrl)
    {
        _factory = factory;
        BaseUrl = baseUrl;
        Http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
        Admin = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
        Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ContactCenterFactory.AdminKey);
    }

    public string BaseUrl { get; }

    public HttpClient Http { get; }

    public HttpClient Admin { get; }

    public CapturingSink Logs => _factory.Logs;

    /// <summary>The service's own services, e.g. its ITwilioRestClient, which talks to the embedded simulator over loopback HTTP.</summary>
    public IServiceProvider Services => _factory.Services;

    /// <summary>
    /// The directory every scenario uses: alice and bob answer at once, nobody's phone never answers, the allow-listed
    /// number +14155550123 is busy, +14155550124 answers, supervisor sam answers.
    /// </summary>
    private static readonly (string Key, string? Value)[] Directory =
    [
        ("Twilio:CallerId", "+18005550100"),
        ("Agents:0:Id", "alice"), ("Agents:0:Name", "Alice"), ("Agents:0:Endpoint", "client:alice"),
        ("Agents:1:Id", "bob"), ("Agents:1:Name", "Bob"), ("Agents:1:Endpoint", "client:bob"),
        ("Agents:2:Id", "nobody"), ("Agents:2:Name", "Nobody"), ("Agents:2:Endpoint", "client:nobody"),
        ("Supervisors:0:Id", "sam"), ("Supervisors:0:Name", "Sam"), ("Supervisors:0:Endpoint", "client:sam"),
        ("Transfers:AllowedNumberPatterns:0", @"^\+1415555\d{4}$"),
        ("Transfers:RingTimeoutSeconds", "5"),
        ("Simulator:AnswerDelayMs", "50"),
        ("Simulator:Phones:0:Endpoint", "client:nobody"), ("Simulator:Phones:0:Behavior", "no-answer"),
        ("Simulator:Phones:1:Endpoint", "+14155550123"), ("Simulator:Phones:1:Behavior", "busy"),
    ];

    public static LiveContactCenter Start(bool chaos = false, params (string Key, string? Value)[] settings) => Start(chaos, null, settings);

    /// <param name="services">Changes to the service's services, e.g. a fault in its Twilio HTTP client.</param>
    public static LiveContactCenter Start(bool chaos, Action<IServiceCollection>? services, params (string Key, string? Value)[] settings)
    {
        var port = FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        var factory = new ContactCenterFactory { RealOutgoingHttp = true }.With(
        [
            ("Simulator:Enabled", "true"),
            ("Simulator:ServiceBaseUrl", baseUrl),
            ("Simulator:Chaos", chaos ? "true" : "false"),
            ("Twilio:PublicBaseUrl", baseUrl),
            .. Directory,
            .. settings,
        ]);
        if (services is not null)
        {
            factory = factory.WithServices(services);
        }

        factory.UseKestrel(port);
        factory.StartServer();
        return new LiveContactCenter(factory, baseUrl);
    }

    /// <summary>A caller dials the contact center's number; returns the caller's CallSid and room name.</summary>
    public async Task<(string CallSid, string Room)> PlaceCallAsync(string from = CallerNumber)
    {
        var response = await Http.PostAsJsonAsync("/sim/calls", new { from, to = "+18005550100" });
        var placed = await response.Content.ReadFromJsonAsync<PlacedCall>(ServiceClients.Json);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST /sim/calls answered {(int)response.StatusCode}");
        Assert.Equal(200, placed!.WebhookStatus);
        return (placed.CallSid, placed.FriendlyName!);
    }

    public Task AnswerAsync(string callSid) => PostOkAsync($"/sim/phones/{callSid}/answer");

    public Task HangUpAsync(string callSid) => PostOkAsync($"/sim/phones/{callSid}/hangup");

    public Task<AudibilityMatrix> AudibilityAsync(string room) => Http.GetOkAsync<AudibilityMatrix>($"/sim/conferences/{room}/audibility");

    public Task<ConferenceRoom> RoomAsync(string room) => Admin.GetRoomAsync(room);

    /// <summary>Every callback the simulator owes has been delivered and answered.</summary>
    public Task SettledAsync() =>
        _factory.Services.GetRequiredService<SimulatorCallbackDispatcher>().WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(30));

    /// <summary>Waits until the service's record of the room satisfies <paramref name="condition"/>, and returns it.</summary>
    public async Task<ConferenceRoom> RoomWhenAsync(string room, Func<ConferenceRoom, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        ConferenceRoom? last = null;
        while (DateTime.UtcNow < deadline)
        {
            await SettledAsync();
            var response = await Admin.GetAsync($"/admin/conferences/{room}");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                last = (await response.Content.ReadFromJsonAsync<ConferenceRoom>(ServiceClients.Json))!;
                if (condition(last))
                {
                    return last;
                }
            }

            await Task.Delay(50);
        }

        throw new Xunit.Sdk.XunitException($"Room {room} never reached: {what}. Last seen: {JsonSerializer.Serialize(last, ServiceClients.Json)}");
    }

    private async Task PostOkAsync(string path)
    {
        var response = await Http.PostAsync(path, null);
        Assert.True(response.IsSuccessStatusCode, $"POST {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Admin.Dispose();
        await _factory.DisposeAsync();
    }
}
