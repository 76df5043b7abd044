using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ContactCenter.Api.Control;
using ContactCenter.Tests.Infrastructure;

namespace ContactCenter.Tests.EndToEnd;

/// <summary>What ops do with curl, as calls on the live service's admin API.</summary>
public static class LiveAdminActions
{
    public static async Task<string> ConnectAgentAsync(this LiveContactCenter live, string room, string agent) =>
        (await live.SendAsync<ControlOutcome>(HttpMethod.Post, $"/admin/conferences/{room}/agents", new { agent })).CallSid!;

    public static async Task<string> AddSupervisorAsync(this LiveContactCenter live, string room, string supervisor, string mode) =>
        (await live.SendAsync<ControlOutcome>(HttpMethod.Post, $"/admin/conferences/{room}/supervisors", new { supervisor, mode })).CallSid!;

    public static Task SetSupervisorModeAsync(this LiveContactCenter live, string room, string callSid, string mode) =>
        live.SendAsync<ControlOutcome>(HttpMethod.Put, $"/admin/conferences/{room}/supervisors/{callSid}", new { mode });

    public static Task<TransferView> StartTransferAsync(this LiveContactCenter live, string room, string type, object to) =>
        live.SendAsync<TransferView>(HttpMethod.Post, $"/admin/conferences/{room}/transfers", new { type, to }, HttpStatusCode.Accepted);

    public static Task<TransferView> TransferActionAsync(this LiveContactCenter live, string room, string id, string action) =>
        live.SendAsync<TransferView>(HttpMethod.Post, $"/admin/conferences/{room}/transfers/{id}/{action}");

    public static Task RemoveAsync(this LiveContactCenter live, string room, string callSid) =>
        live.SendAsync<ControlOutcome>(HttpMethod.Delete, $"/admin/conferences/{room}/participants/{callSid}");

    public static Task EndRoomAsync(this LiveContactCenter live, string room) =>
        live.SendAsync<ControlOutcome>(HttpMethod.Delete, $"/admin/conferences/{room}");

    /// <summary>Waits for the transfer to reach <paramref name="state"/> (its reactions run on Twilio's callbacks).</summary>
    public static async Task<TransferView> TransferWhenAsync(this LiveContactCenter live, string room, string id, string state)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        TransferView? last = null;
        while (DateTime.UtcNow < deadline)
        {
            await live.SettledAsync();
            last = await live.Admin.GetOkAsync<TransferView>($"/admin/conferences/{room}/transfers/{id}");
            if (last.State == state)
            {
                return last;
            }

            await Task.Delay(50);
        }

        throw new Xunit.Sdk.XunitException($"Transfer {id} never reached {state}; last seen {JsonSerializer.Serialize(last)}");
    }

    private static async Task<T> SendAsync<T>(this LiveContactCenter live, HttpMethod method, string path, object? body = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        var response = await live.Admin.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{method} {path} answered {(int)response.StatusCode}: {text}");
        return JsonSerializer.Deserialize<T>(text, ServiceClients.Json)!;
    }
}
