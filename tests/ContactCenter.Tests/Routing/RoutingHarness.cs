using System.Net;
using System.Net.Http.Json;
using ContactCenter.Api.Routing;
using ContactCenter.Tests.EndToEnd;
using ContactCenter.Tests.Infrastructure;
using ContactCenter.TwilioSimulator;

namespace ContactCenter.Tests.Routing;

/// <summary>The live contact center with one queue, "support", on the number every simulated caller dials.</summary>
internal static class RoutingHarness
{
    public static LiveContactCenter Start(string[] agents, params (string Key, string? Value)[] settings) => Start(false, agents, settings);

    /// <param name="chaos">The simulator duplicates and reorders its callbacks, as Twilio may.</param>
    public static LiveContactCenter Start(bool chaos, string[] agents, params (string Key, string? Value)[] settings) => Start(chaos, agents, null, settings);

    /// <param name="services">Changes to the service's services, e.g. a telemetry exporter.</param>
    public static LiveContactCenter Start(
        bool chaos, string[] agents, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services, params (string Key, string? Value)[] settings)
    {
        (string, string?)[] queue =
        [
            ("Queues:0:Id", "support"), ("Queues:0:Name", "Support"), ("Queues:0:Numbers:0", "+18005550100"),
            ("Queues:0:RingTimeoutSeconds", "5"), ("Queues:0:WrapUpSeconds", "0"), ("Queues:0:MaxNoAnswer", "3"),
            ("Routing:Wait:MusicUrl", "https://music.example.com/wait.mp3"), // audio, as a routed deployment must configure
            .. agents.Select((a, i) => ($"Queues:0:Agents:{i}", (string?)a)),
        ];
        return LiveContactCenter.Start(chaos, services, [.. queue, .. settings]);
    }

    public static async Task SetPresenceAsync(this LiveContactCenter live, string agent, string presence, string? reason = null)
    {
        var response = await live.Admin.PutAsJsonAsync($"/admin/agents/{agent}/presence", new { presence, reason });
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"PUT presence {agent} {presence}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public static async Task<AgentView> AgentAsync(this LiveContactCenter live, string agent)
    {
        var agents = await live.Admin.GetFromJsonAsync<List<AgentView>>("/admin/agents", ServiceClients.Json);
        return agents!.Single(a => a.Id == agent);
    }

    public static async Task<CallSnapshot> SimCallAsync(this LiveContactCenter live, string callSid) =>
        (await live.Http.GetFromJsonAsync<CallSnapshot>($"/sim/calls/{callSid}", ServiceClients.Json))!;

    public static Task<QueueView?> QueueAsync(this LiveContactCenter live, string id = "support") =>
        live.Admin.GetFromJsonAsync<QueueView>($"/admin/queues/{id}", ServiceClients.Json);

    /// <summary>Polls until <paramref name="condition"/> holds (20 s at most, unless <paramref name="timeout"/> says otherwise).</summary>
    public static async Task<T> WhenAsync<T>(Func<Task<T>> read, Func<T, bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow.Add(timeout ?? TimeSpan.FromSeconds(20));
        T last = await read();
        while (!condition(last))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"Never reached: {what}. Last seen: {System.Text.Json.JsonSerializer.Serialize(last, ServiceClients.Json)}");
            }

            await Task.Delay(50);
            last = await read();
        }

        return last;
    }

    public static Task<AgentView> AgentWhenAsync(this LiveContactCenter live, string agent, string presence) =>
        WhenAsync(() => live.AgentAsync(agent), a => a.Presence == presence, $"{agent} {presence}");

    public static Task<QueueView?> QueueWhenAsync(this LiveContactCenter live, Func<QueueView, bool> condition, string what) =>
        WhenAsync(() => live.QueueAsync(), q => q is not null && condition(q), what);
}
