using System.Net;
using System.Net.Http.Json;
using System.Text;
using ContactCenter.Tests.Infrastructure;

namespace ContactCenter.Tests.Control;

/// <summary>The admin action API over the real REST client, Twilio answered by the HTTP stub: auth, validation, errors, audit, recovery.</summary>
public sealed class AdminControlApiTests
{
    [Fact]
    public async Task Done_when_a_warm_transfer_target_never_answers_the_caller_is_back_with_the_first_agent()
    {
        await using var cc = await new ControlHarness(301, fakeTwilio: false).SeedAsync();
        var target = cc.Leg(16);
        cc.Factory.Outgoing.AnswerLikeTwilio(5, target);
        var started = await cc.JsonAsync(await cc.PostAsync("/transfers", new { type = "warm", to = new { agent = "bob" } }), HttpStatusCode.Accepted);
        var id = started.GetProperty("id").GetString();

        await cc.CallStatusAsync(target, "ringing");
        await cc.CallStatusAsync(target, "no-answer");

        var participants = $"POST /Conferences/{cc.Conference}/Participants";
        Assert.Equal(
        [
            $"{participants}/{cc.Agent}.json EndConferenceOnExit=false",
            $"{participants}/{cc.Customer}.json Hold=true&HoldUrl={ControlHarness.HoldMusic}&HoldMethod=GET",
            // The Twilio library's own field order.
            $"{participants}.json From={ControlHarness.CallerId}&To={ControlHarness.Bob}&StatusCallback={ControlHarness.PublicBase}/call-status" +
                "&StatusCallbackMethod=POST&StatusCallbackEvent=initiated&StatusCallbackEvent=ringing&StatusCallbackEvent=answered" +
                "&StatusCallbackEvent=completed&Label=transfer-target&Timeout=20&Beep=true&StartConferenceOnEnter=true&EndConferenceOnExit=false&EarlyMedia=true",
            $"{participants}/{cc.Customer}.json Hold=false",
            $"{participants}/{cc.Agent}.json EndConferenceOnExit=true",
        ], cc.Factory.Outgoing.Sent());
        Assert.Empty(cc.Factory.Outgoing.Unexpected);

        var room = await cc.Admin.GetRoomAsync(cc.Room);
        Assert.Equal([cc.Customer, cc.Agent], room.Participants.Where(p => p.InRoom).Select(p => p.CallSid));
        var audit = await cc.JsonAsync(await cc.Admin.GetAsync($"/admin/audit?room={cc.Room}"), HttpStatusCode.OK);
        var rows = audit.EnumerateArray().Select(a => (a.GetProperty("actor").GetString(), a.GetProperty("action").GetString(), a.GetProperty("outcome").GetString())).ToList();
        Assert.Equal([("twilio", "transfer.recover", "ok"), (ContactCenterFactory.AdminName, "transfer.start.warm", "ok")], rows);
        Assert.Equal("failed", (await cc.TransferAsync(id!)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Twilio_refusal_is_502_with_its_code_and_a_masked_message_and_is_audited_as_failed()
    {
        await using var cc = await new ControlHarness(302, fakeTwilio: false).SeedAsync();
        cc.Factory.Outgoing.AnswerError(HttpStatusCode.BadRequest, 21220, "Call +14155550101 is not in progress");
        var problem = await cc.JsonAsync(await cc.PostAsync($"/participants/{cc.Customer}/hold"), HttpStatusCode.BadGateway);
        Assert.Equal((21220, 400), (problem.GetProperty("twilioCode").GetInt32(), problem.GetProperty("twilioStatus").GetInt32()));
        Assert.DoesNotContain("4155550101", problem.GetProperty("detail").GetString());

        cc.Factory.Outgoing.AnswerError(HttpStatusCode.NotFound, 20404, "The requested resource was not found");
        await cc.JsonAsync(await cc.PostAsync($"/participants/{cc.Customer}/mute"), HttpStatusCode.NotFound);

        var audit = await cc.JsonAsync(await cc.Admin.GetAsync("/admin/audit?limit=1"), HttpStatusCode.OK);
        Assert.Equal("participant.mute", Assert.Single(audit.EnumerateArray()).GetProperty("action").GetString());
        audit = await cc.JsonAsync(await cc.Admin.GetAsync("/admin/audit"), HttpStatusCode.OK);
        Assert.Equal(["refused", "failed"], audit.EnumerateArray().Select(a => a.GetProperty("outcome").GetString()));
        Assert.DoesNotContain(cc.Factory.Logs.Events, e => e.RenderMessage().Contains("4155550101", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_a_key_401_with_bad_input_400_and_refusals_are_audited_with_the_actor()
    {
        await using var cc = await new ControlHarness(303, fakeTwilio: false).SeedAsync();
        using var anonymous = cc.Factory.CreateClient();
        var unauthorised = await anonymous.PostAsJsonAsync($"/admin/conferences/{cc.Room}/agents", new { agent = "alice" });
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorised.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/admin/audit")).StatusCode);

        var malformed = await cc.Admin.PostAsync($"/admin/conferences/{cc.Room}/agents", new StringContent("{not json", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        await cc.JsonAsync(await cc.PostAsync("/supervisors", new { supervisor = "sam", mode = "shout" }), HttpStatusCode.BadRequest);
        await cc.JsonAsync(await cc.Admin.GetAsync("/admin/audit?limit=0"), HttpStatusCode.BadRequest);
        var refused = await cc.JsonAsync(await cc.PostAsync("/transfers", new { type = "cold", to = new { number = "+19005550000" } }), HttpStatusCode.Forbidden);
        Assert.Equal("application/problem+json", (await cc.PostAsync("/transfers", new { type = "cold", to = new { number = "+19005550000" } })).Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("9005550000", refused.GetProperty("detail").GetString());
        await cc.JsonAsync(await cc.Admin.GetAsync($"/admin/conferences/{cc.Room}/transfers/TRnope"), HttpStatusCode.NotFound);
        Assert.Empty(cc.Factory.Outgoing.Requests);

        var audit = await cc.JsonAsync(await cc.Admin.GetAsync($"/admin/audit?room={cc.Conference}"), HttpStatusCode.OK);
        var newest = audit.EnumerateArray().First();
        Assert.Equal((ContactCenterFactory.AdminName, "transfer.start.cold", "refused", "+*******0000"),
            (newest.GetProperty("actor").GetString(), newest.GetProperty("action").GetString(), newest.GetProperty("outcome").GetString(), newest.GetProperty("target").GetString()));
    }
}
