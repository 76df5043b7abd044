using System.Net;
using System.Net.Http.Json;
using ContactCenter.Tests.Infrastructure;
using ContactCenter.Tests.Twilio.Rest;

namespace ContactCenter.Tests.Control;

/// <summary>
/// Every control operation's REST requests against Prism serving Twilio's OpenAPI description: a Twilio-side 422
/// would surface as a 502 from the admin API. Prism answers canned bodies, so the requests are checked, not the room.
/// </summary>
[Collection(PrismCollection.Name)]
// Integration: Stoplight Prism.
[Trait("Category", "Integration")]
public sealed class ControlContractTests(PrismFixture prism)
{
    /// <summary>The CallSid in Prism's canned participant answers.</summary>
    private const string PrismCall = "CAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

    private ControlHarness Harness() => new(501, fakeTwilio: false, new ContactCenterFactory { RealOutgoingHttp = true },
        ("Twilio:ApiBaseUrl", prism.BaseUrl), ("Twilio:Rest:MaxRetryAttempts", "0"), ("Conference:RecordCoachLeg", "true"));

    private static async Task Accepted(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath}: {(int)response.StatusCode} {body}");
    }

    [Fact]
    public async Task Connect_hold_mute_supervise_remove_and_end_pass_the_contract()
    {
        await using var cc = await Harness().SeedAsync(withAgent: false);
        await Accepted(await cc.PostAsync("/agents", new { agent = "alice" }));
        await cc.JoinAsync(cc.Agent, "agent", endConferenceOnExit: true);
        foreach (var action in new[] { "hold", "unhold", "mute", "unmute" })
        {
            await Accepted(await cc.PostAsync($"/participants/{cc.Customer}/{action}"));
        }

        await Accepted(await cc.PostAsync("/supervisors", new { supervisor = "sam", mode = "coach" }));
        await cc.JoinAsync(cc.Scenario.SupervisorCall, "supervisor-sam");
        foreach (var mode in new[] { "monitor", "coach", "barge" })
        {
            await Accepted(await cc.Admin.PutAsJsonAsync($"/admin/conferences/{cc.Room}/supervisors/{cc.Scenario.SupervisorCall}", new { mode }));
        }

        await Accepted(await cc.Admin.DeleteAsync($"/admin/conferences/{cc.Room}/participants/{cc.Scenario.SupervisorCall}"));
        await Accepted(await cc.Admin.DeleteAsync($"/admin/conferences/{cc.Room}"));
    }

    [Fact]
    public async Task Warm_complete_cold_cancel_and_recovery_pass_the_contract()
    {
        await using var cc = await Harness().SeedAsync();
        var warm = await cc.JsonAsync(await cc.PostAsync("/transfers", new { type = "warm", to = new { agent = "bob" } }), HttpStatusCode.Accepted);
        Assert.Equal(PrismCall, warm.GetProperty("targetCallSid").GetString());
        await cc.CallStatusAsync(PrismCall, "in-progress");
        await Accepted(await cc.PostAsync($"/transfers/{warm.GetProperty("id").GetString()}/complete"));
        await cc.LeaveAsync(cc.Agent, "agent");
        await cc.JoinAsync(PrismCall, "transfer-target");

        var cold = await cc.JsonAsync(await cc.PostAsync("/transfers", new { type = "cold", to = new { number = "+14155550142" } }), HttpStatusCode.Accepted);
        await Accepted(await cc.PostAsync($"/transfers/{cold.GetProperty("id").GetString()}/cancel"));

        var again = await cc.JsonAsync(await cc.PostAsync("/transfers", new { type = "warm", to = new { agent = "alice" } }), HttpStatusCode.Accepted);
        await cc.LeaveAsync(cc.Customer, "customer"); // the caller hangs up: the ringing target is cancelled
        var failed = await cc.TransferAsync(again.GetProperty("id").GetString()!);
        Assert.Equal("caller-hung-up", failed.GetProperty("reason").GetString());
        var audit = await cc.JsonAsync(await cc.Admin.GetAsync("/admin/audit"), HttpStatusCode.OK);
        Assert.All(audit.EnumerateArray(), a => Assert.Equal("ok", a.GetProperty("outcome").GetString()));
    }
}
