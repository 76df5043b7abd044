using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ContactCenter.TwilioSimulator;
using ContactCenter.Api.Twilio;
using ContactCenter.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ContactCenter.Tests.Simulator;

/// <summary>The service with the simulator embedded, its webhooks looped back into the in-memory server.</summary>
public static class SimulatorHttp
{
    public const string Account = "/sim/twilio/2010-04-01/Accounts/" + SimulatorActivation.AccountSid;

    public static ContactCenterFactory Create(params (string Key, string? Value)[] settings) =>
        new ContactCenterFactory { SimulatorLoopback = true }.With(
        [
            ("Simulator:Enabled", "true"),
            ("Simulator:ServiceBaseUrl", "http://localhost"),
            ("Simulator:Phones:0:Endpoint", "client:alice"),
            ("Simulator:Phones:0:Behavior", "manual"),
            ("Simulator:Phones:1:Endpoint", "client:bob"),
            ("Simulator:Phones:1:Behavior", "manual"),
            .. settings,
        ]);

    /// <summary>A client that authenticates as the service's REST client does: Basic AccountSid:AuthToken.</summary>
    public static HttpClient RestClient(this ContactCenterFactory factory, string? password = TwilioOptions.DevelopmentAuthToken)
    {
        var client = factory.CreateClient();
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{SimulatorActivation.AccountSid}:{password}"));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", credentials);
        return client;
    }

    public static async Task<JsonNode> PlaceCallAsync(this ContactCenterFactory factory)
    {
        var response = await factory.CreateClient().PostAsJsonAsync("/sim/calls", new { from = "+14155551234", to = "+18005550100" });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!;
    }

    public static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    public static async Task<JsonNode> JsonAsync(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonNode>())!;

    public static async Task<IReadOnlyList<CallbackDelivery>> DeliveredAsync(this ContactCenterFactory factory)
    {
        var dispatcher = factory.Services.GetRequiredService<SimulatorCallbackDispatcher>();
        await dispatcher.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return dispatcher.Deliveries;
    }
}
