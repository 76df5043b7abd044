using System.Net;
using System.Net.Http.Json;
using ContactCenter.Api.Admin;
using ContactCenter.Api.Conferences;
using ContactCenter.Api.Control;
using ContactCenter.Api.Routing;
using ContactCenter.Api.Storage;
using ContactCenter.Tests.Infrastructure;

namespace ContactCenter.Tests.People;

public sealed class RoomAccessTests
{
    private static readonly string AliceCaller = PeopleFixture.Sid("CA", 1);
    private static readonly string AliceLeg = PeopleFixture.Sid("CA", 2);
    private static readonly string AliceRoomSid = PeopleFixture.Sid("CF", 1);
    private static readonly string BobCaller = PeopleFixture.Sid("CA", 3);
    private static readonly string BobLeg = PeopleFixture.Sid("CA", 4);
    private static readonly string BobRoomSid = PeopleFixture.Sid("CF", 2);

    private static async Task<ContactCenterFactory> TwoCallsAsync(params (string Key, string? Value)[] settings)
    {
        var service = new ContactCenterFactory().WithPeople(settings);
        await service.StartRoomAsync(AliceRoomSid, AliceCaller, AliceLeg);
        await service.StartRoomAsync(BobRoomSid, BobCaller, BobLeg);
        await service.HoldCallerAsync("alice", AliceCaller);
        await service.HoldCallerAsync("bob", BobCaller);
        return service;
    }

    [Theory]
    [InlineData("bearer")]
    [InlineData("cookie")]
    public async Task An_agent_reaches_their_own_room_but_another_agents_room_is_403_and_audited(string how)
    {
        await using var service = await TwoCallsAsync();
        var alice = how == "bearer" ? service.CreateAdminClient(PeopleFixture.AliceBearer) : await service.SignedInAsync("alice", PeopleFixture.AliceKey);
        var actor = how == "bearer" ? "alice-phone" : "alice";

        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync($"/admin/conferences/room-{AliceCaller}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync($"/admin/conferences/{AliceRoomSid}/events")).StatusCode);
        var other = await alice.GetAsync($"/admin/conferences/room-{BobCaller}");
        var otherBySid = await alice.GetAsync($"/admin/conferences/{BobRoomSid}");
        var hold = await alice.PostAsync($"/admin/conferences/room-{BobCaller}/participants/{BobCaller}/hold", null);
        var end = await alice.DeleteAsync($"/admin/conferences/room-{BobCaller}");
        var page = await alice.GetFromJsonAsync<ConferencePage>("/admin/conferences", ServiceClients.Json);

        Assert.All([other, otherBySid, hold, end], r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
        Assert.Equal("application/problem+json", other.Content.Headers.ContentType?.MediaType);
        Assert.Equal([AliceRoomSid], page!.Items.Select(r => r.ConferenceSid));
        var audit = await service.CreateAdminClient().GetFromJsonAsync<List<AuditEntry>>($"/admin/audit?room=room-{BobCaller}", ServiceClients.Json);
        Assert.Contains(audit!, a => a.Outcome == "forbidden" && a.Actor == actor && a.Room == $"room-{BobCaller}" && a.Action.StartsWith("POST ", StringComparison.Ordinal));
        Assert.Equal(4, audit!.Count(a => a.Outcome == "forbidden" && a.Actor == actor));
    }

    [Fact]
    public async Task Agents_set_only_their_own_presence_and_see_only_their_own_record_while_supervisors_set_anyones()
    {
        await using var service = new ContactCenterFactory().WithPeople();
        await service.SeedAgentsAsync();
        var alice = await service.SignedInAsync("alice", PeopleFixture.AliceKey);
        var sam = await service.SignedInAsync("sam", PeopleFixture.SamKey);
        var away = () => JsonContent.Create(new { presence = "away" });

        var others = await alice.PutAsync("/admin/agents/bob/presence", away());
        var own = await alice.PutAsync("/admin/agents/alice/presence", away());
        var bySupervisor = await sam.PutAsync("/admin/agents/bob/presence", away());
        var byBearerSupervisor = await service.CreateAdminClient(PeopleFixture.SamBearer).PutAsync("/admin/agents/alice/presence", JsonContent.Create(new { presence = "offline" }));
        var listed = await alice.GetFromJsonAsync<List<AgentView>>("/admin/agents", ServiceClients.Json);

        Assert.Equal(HttpStatusCode.Forbidden, others.StatusCode);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.OK, bySupervisor.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byBearerSupervisor.StatusCode);
        Assert.Equal(["alice"], listed!.Select(a => a.Id));
        var audit = await service.CreateAdminClient().GetFromJsonAsync<List<AuditEntry>>("/admin/audit", ServiceClients.Json);
        Assert.Contains(audit!, a => a.Outcome == "forbidden" && a.Actor == "alice" && a.Target == "bob");
        Assert.Contains(audit!, a => a.Action == "agent.presence" && a.Actor == "sam" && a.Target == "bob" && a.Outcome == "ok");
    }

    [Fact]
    public async Task Agents_may_see_queues_but_not_the_audit_or_voicemails_and_supervisors_may_see_everything()
    {
        await using var service = await TwoCallsAsync();
        var alice = await service.SignedInAsync("alice", PeopleFixture.AliceKey);
        var sam = await service.SignedInAsync("sam", PeopleFixture.SamKey);

        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync("/admin/queues")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await alice.GetAsync("/admin/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await alice.GetAsync("/admin/voicemails")).StatusCode);
        foreach (var path in new[] { $"/admin/conferences/room-{AliceCaller}", $"/admin/conferences/room-{BobCaller}", "/admin/audit", "/admin/voicemails", "/admin/queues" })
        {
            Assert.Equal(HttpStatusCode.OK, (await sam.GetAsync(path)).StatusCode);
        }

        var all = await sam.GetFromJsonAsync<ConferencePage>("/admin/conferences", ServiceClients.Json);
        Assert.Equal(2, all!.Total);
    }

    [Theory]
    [InlineData(false, "+*******0142")]
    [InlineData(true, "+14155550142")]
    public async Task Numbers_are_masked_for_agents_unless_configured_and_shown_to_supervisors(bool showToAgents, string agentSees)
    {
        await using var service = await TwoCallsAsync(("Admin:ShowPhoneNumbers", "true"), ("Console:ShowNumbersToAgents", showToAgents ? "true" : "false"));
        await service.CreateClient().PostOkAsync("/call-status", TwilioForms.CallStatus(AliceLeg, "in-progress", 1, CallScenario.At(2)));
        await service.CreateClient().PostOkAsync("/call-status", TwilioForms.CallStatus(BobLeg, "in-progress", 1, CallScenario.At(2)));
        var alice = await service.SignedInAsync("alice", PeopleFixture.AliceKey);

        var seenByAlice = await alice.GetFromJsonAsync<List<AdminCallStatus>>($"/admin/calls/{AliceLeg}", ServiceClients.Json);
        var seenBySam = await (await service.SignedInAsync("sam", PeopleFixture.SamKey)).GetFromJsonAsync<List<AdminCallStatus>>($"/admin/calls/{AliceLeg}", ServiceClients.Json);
        var bobsLeg = await alice.GetAsync($"/admin/calls/{BobLeg}");

        Assert.Equal(agentSees, Assert.Single(seenByAlice!).To);
        Assert.Equal("+14155550142", Assert.Single(seenBySam!).To);
        Assert.Equal(HttpStatusCode.Forbidden, bobsLeg.StatusCode);
    }

    [Fact]
    public async Task An_agent_dialed_by_hand_offered_a_caller_or_the_target_of_a_transfer_reaches_that_room()
    {
        await using var service = await TwoCallsAsync();
        var third = (Caller: PeopleFixture.Sid("CA", 5), Room: PeopleFixture.Sid("CF", 3));
        await service.StartRoomAsync(third.Room, third.Caller, PeopleFixture.Sid("CA", 6));
        await service.HoldCallerAsync("bob", BobRoomSid + ":agent");
        var bob = await service.SignedInAsync("bob", PeopleFixture.BobKey);

        Assert.Equal(HttpStatusCode.OK, (await bob.GetAsync($"/admin/conferences/room-{BobCaller}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await bob.GetAsync($"/admin/conferences/room-{third.Caller}")).StatusCode);

        await service.StoreAsync(db => db.QueueEntries.Add(new QueueEntryRow
        {
            CallerCallSid = third.Caller, ConferenceSid = third.Room, QueueId = "support", State = "offering", OfferedAgentId = "bob",
        }));
        Assert.Equal(HttpStatusCode.OK, (await bob.GetAsync($"/admin/conferences/room-{third.Caller}")).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await bob.GetAsync($"/admin/conferences/room-{AliceCaller}")).StatusCode);
        await service.StoreAsync(db => db.Transfers.Add(new TransferRow
        {
            Id = "t1", ConferenceSid = AliceRoomSid, Type = "warm", State = "dialing", TargetKind = "agent", TargetId = "bob",
            CustomerCallSid = AliceCaller, Actor = "alice", CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
        }));
        Assert.Equal(HttpStatusCode.OK, (await bob.GetAsync($"/admin/conferences/room-{AliceCaller}")).StatusCode);
    }
}
