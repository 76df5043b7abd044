using System.Net;
using System.Net.Http.Json;
using ContactCenter.Tests.Control;
using ContactCenter.Tests.Infrastructure;

namespace ContactCenter.Tests.Console;

/// <summary>A service with agents alice and bob in queue "support", and the actions that change its state.</summary>
internal static class ConsoleSetup
{
    public static readonly (string, string?)[] Settings =
    [
        .. ControlHarness.Settings,
        ("Queues:0:Id", "support"), ("Queues:0:Numbers:0", "+18005550100"),
        ("Queues:0:Agents:0", "alice"), ("Queues:0:Agents:1", "bob"),
    ];

    public static ContactCenterFactory Factory() => new ContactCenterFactory().With(Settings);

    public static async Task SetPresenceAsync(HttpClient admin, string agent, string presence)
    {
        var response = await admin.PutAsJsonAsync($"/admin/agents/{agent}/presence", new { presence });
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"PUT presence {agent} {presence}: {(int)response.StatusCode}");
    }

    /// <summary>A caller joins the room of <paramref name="call"/>: a signed conference callback.</summary>
    public static async Task CallerJoinsAsync(HttpClient client, CallScenario call)
    {
        const string path = "/conference-events";
        var form = TwilioForms.ParticipantEvent(call.ConferenceSid, call.Room, 1, "participant-join", CallScenario.At(1), call.CustomerCall, "customer");
        var response = await client.SendAsync(TwilioSigner.SignedPost("http://localhost" + path, form, signedUrl: ControlHarness.PublicBase + path));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode}");
    }
}
