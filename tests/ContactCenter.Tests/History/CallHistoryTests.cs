using System.Net;
using System.Net.Http.Json;
using ContactCenter.Api.Control;
using ContactCenter.Api.History;
using ContactCenter.Api.Routing;
using ContactCenter.Api.Storage;
using ContactCenter.Tests.Infrastructure;
using ContactCenter.Tests.People;

namespace ContactCenter.Tests.History;

public sealed class CallHistoryTests
{
    private static readonly DateTime Day = new(2026, 11, 20, 9, 0, 0, DateTimeKind.Utc);

    /// <summary>Three ended calls (alice at 09:00 and 11:00 in sales, bob at 10:00 in support) and one still waiting.</summary>
    private static async Task<ContactCenterFactory> WithCallsAsync()
    {
        var service = new ContactCenterFactory().WithPeople();
        await service.StoreAsync(db =>
        {
            db.QueueEntries.Add(Entry(1, "sales", "alice", Day, answeredAfter: 20, talk: 120, EntryStates.Ended));
            db.QueueEntries.Add(Entry(2, "support", "bob", Day.AddHours(1), answeredAfter: 5, talk: 60, EntryStates.Ended));
            db.QueueEntries.Add(Entry(3, "sales", "alice", Day.AddHours(2), answeredAfter: null, talk: 30, EntryStates.Abandoned));
            db.QueueEntries.Add(new QueueEntryRow
            {
                CallerCallSid = PeopleFixture.Sid("CA", 4), ConferenceSid = PeopleFixture.Sid("CF", 4), QueueId = "sales", EnteredAt = Day, State = EntryStates.Waiting,
            });
        });
        return service;
    }

    private static QueueEntryRow Entry(int n, string queue, string agent, DateTime entered, int? answeredAfter, int talk, string state) => new()
    {
        CallerCallSid = PeopleFixture.Sid("CA", n), ConferenceSid = PeopleFixture.Sid("CF", n), QueueId = queue, EnteredAt = entered, State = state,
        OfferedAgentId = answeredAfter is null ? null : agent, AnsweredAt = answeredAfter is { } s ? entered.AddSeconds(s) : null,
        EndedAt = entered.AddSeconds((answeredAfter ?? 0) + talk),
    };

    [Fact]
    public async Task A_supervisor_searches_ended_calls_newest_first_by_date_queue_and_agent_in_pages_with_their_notes()
    {
        await using var service = await WithCallsAsync();
        var sam = await service.SignedInAsync("sam", PeopleFixture.SamKey);
        Assert.Equal(HttpStatusCode.OK, (await sam.PutAsJsonAsync($"/admin/calls/{PeopleFixture.Sid("CA", 1)}/note", new { note = "refund promised" })).StatusCode);

        var all = await sam.GetFromJsonAsync<HistoryPage>("/admin/history", ServiceClients.Json);
        var sales = await sam.GetFromJsonAsync<HistoryPage>("/admin/history?queue=sales", ServiceClients.Json);
        var bob = await sam.GetFromJsonAsync<HistoryPage>("/admin/history?agent=bob", ServiceClients.Json);
        var window = await sam.GetFromJsonAsync<HistoryPage>("/admin/history?from=2026-11-20T09:30:00Z&to=2026-11-20T12:00:00Z", ServiceClients.Json);
        var first = await sam.GetFromJsonAsync<HistoryPage>("/admin/history?limit=2", ServiceClients.Json);
        var second = await sam.GetFromJsonAsync<HistoryPage>($"/admin/history?limit=2&before={Uri.EscapeDataString(first!.Next!)}", ServiceClients.Json);

        Assert.Equal([3, 2, 1], all!.Calls.Select(c => Number(c.CallerCallSid)));
        Assert.Null(all.Next);
        Assert.Equal([3, 1], sales!.Calls.Select(c => Number(c.CallerCallSid)));
        Assert.Equal([2], bob!.Calls.Select(c => Number(c.CallerCallSid)));
        Assert.Equal([3, 2], window!.Calls.Select(c => Number(c.CallerCallSid)));
        Assert.Equal([3, 2], first.Calls.Select(c => Number(c.CallerCallSid)));
        Assert.Equal([1], second!.Calls.Select(c => Number(c.CallerCallSid)));
        Assert.Null(second.Next);
        var call = all.Calls[^1];
        Assert.Equal(("room-" + call.CallerCallSid, "alice", 20d, 120d, "ended", "refund promised"), (call.Room, call.Agent, call.WaitedSeconds, call.TalkSeconds, call.Outcome, call.Note));
        Assert.Equal(("abandoned", (double?)null, 30d), (all.Calls[0].Outcome, all.Calls[0].TalkSeconds, all.Calls[0].WaitedSeconds));
    }

    [Theory]
    [InlineData("from=yesterday")]
    [InlineData("to=2026-13-45")]
    [InlineData("before=soon")]
    [InlineData("from=2026-11-21&to=2026-11-20")]
    [InlineData("limit=0")]
    [InlineData("limit=201")]
    public async Task Bad_history_input_is_a_400_problem(string query)
    {
        await using var service = await WithCallsAsync();
        var response = await service.CreateAdminClient().GetAsync("/admin/history?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_agent_may_not_search_history()
    {
        await using var service = await WithCallsAsync();
        var alice = await service.SignedInAsync("alice", PeopleFixture.AliceKey);

        var response = await alice.GetAsync("/admin/history");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_agent_notes_a_call_they_took_after_it_ended_but_not_another_agents_and_every_save_is_audited()
    {
        await using var service = await WithCallsAsync();
        var alice = await service.SignedInAsync("alice", PeopleFixture.AliceKey);
        var sam = await service.SignedInAsync("sam", PeopleFixture.SamKey);
        var own = PeopleFixture.Sid("CA", 1);
        var bobs = PeopleFixture.Sid("CA", 2);

        var saved = await alice.PutAsJsonAsync($"/admin/calls/{own}/note", new { note = "asked for a callback" });
        var read = await alice.GetFromJsonAsync<CallNote>($"/admin/calls/{own}/note", ServiceClients.Json);
        var other = await alice.PutAsJsonAsync($"/admin/calls/{bobs}/note", new { note = "not mine" });
        var otherRead = await alice.GetAsync($"/admin/calls/{bobs}/note");
        var bySupervisor = await sam.PutAsJsonAsync($"/admin/calls/{bobs}/note", new { note = "reviewed" });
        var noCsrf = await (await service.SignedInAsync("alice", PeopleFixture.AliceKey, csrf: false)).PutAsJsonAsync($"/admin/calls/{own}/note", new { note = "x" });

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(("asked for a callback", "alice"), (read!.Note, read.Author));
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherRead.StatusCode);
        Assert.Equal(HttpStatusCode.OK, bySupervisor.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, noCsrf.StatusCode);
        var audit = await service.CreateAdminClient().GetFromJsonAsync<List<AuditEntry>>("/admin/audit", ServiceClients.Json);
        Assert.Contains(audit!, a => a.Action == CallHistoryEndpoints.NoteAction && a.Actor == "alice" && a.Target == own && a.Room == "room-" + own && a.Outcome == "ok");
        Assert.Contains(audit!, a => a.Action == CallHistoryEndpoints.NoteAction && a.Actor == "sam" && a.Target == bobs && a.Outcome == "ok");
        Assert.Contains(audit!, a => a.Outcome == "forbidden" && a.Actor == "alice" && a.Target == bobs);
        Assert.DoesNotContain(audit!, a => a.Action == CallHistoryEndpoints.NoteAction && a.Actor == "alice" && a.Target == bobs);
    }

    [Fact]
    public async Task A_note_over_2000_characters_or_missing_is_400_and_an_unknown_call_is_404()
    {
        await using var service = await WithCallsAsync();
        var admin = service.CreateAdminClient();
        var known = PeopleFixture.Sid("CA", 2);

        var tooLong = await admin.PutAsJsonAsync($"/admin/calls/{known}/note", new { note = new string('x', 2001) });
        var longest = await admin.PutAsJsonAsync($"/admin/calls/{known}/note", new { note = new string('x', 2000) });
        var missing = await admin.PutAsJsonAsync($"/admin/calls/{known}/note", new { text = "wrong field" });
        var unknown = await admin.PutAsJsonAsync($"/admin/calls/{PeopleFixture.Sid("CA", 99)}/note", new { note = "who?" });
        var noNote = await admin.GetAsync($"/admin/calls/{PeopleFixture.Sid("CA", 3)}/note");

        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal("application/problem+json", tooLong.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, longest.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noNote.StatusCode);
    }

    [Fact]
    public async Task An_agent_ends_their_own_wrap_up_early_by_setting_available()
    {
        await using var service = new ContactCenterFactory().WithPeople();
        await service.StoreAsync(db => db.AgentStates.Add(new AgentStateRow
        {
            AgentId = "alice", Presence = Presences.WrapUp, Since = DateTime.UtcNow, WrapUpUntil = DateTime.UtcNow.AddMinutes(5),
        }));
        var alice = await service.SignedInAsync("alice", PeopleFixture.AliceKey);

        var done = await alice.PutAsJsonAsync("/admin/agents/alice/presence", new { presence = "available" });
        var agents = await alice.GetFromJsonAsync<List<AgentView>>("/admin/agents", ServiceClients.Json);

        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Equal((Presences.Available, (DateTimeOffset?)null), (agents!.Single().Presence, agents!.Single().WrapUpUntil));
    }

    private static int Number(string callSid) => Convert.ToInt32(callSid[2..], 16);
}
