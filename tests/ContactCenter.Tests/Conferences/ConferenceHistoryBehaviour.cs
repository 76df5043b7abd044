using System.Net;
using ContactCenter.Api.Admin;
using ContactCenter.Api.Conferences;
using ContactCenter.Api.Storage;
using ContactCenter.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ContactCenter.Tests.Conferences;

/// <summary>Reading history back: lists, paging, restarts, retention, readiness. Run on every engine.</summary>
public abstract class ConferenceHistoryBehaviour(StorageEngine engine)
{
    [Fact]
    public async Task Active_rooms_are_listed_with_participants_and_ended_ones_are_history_since_a_time_paged()
    {
        await using var service = new ContactCenterFactory { Engine = engine };
        var twilio = service.CreateClient();
        var ongoing = new CallScenario(20);
        foreach (var form in ongoing.ConferenceEvents().Take(4).Shuffled(seed: 1))
        {
            await twilio.PostOkAsync("/conference-events", form);
        }

        for (var n = 21; n <= 23; n++)
        {
            foreach (var form in new CallScenario(n).ConferenceEvents().Shuffled(seed: n))
            {
                await twilio.PostOkAsync("/conference-events", form);
            }
        }

        var admin = service.CreateAdminClient();
        var active = await admin.GetOkAsync<ConferencePage>("/admin/conferences");
        var room = Assert.Single(active.Items);
        Assert.Equal((ongoing.Room, ConferenceStatus.Active), (room.FriendlyName, room.Status));
        Assert.Equal([ParticipantRole.Customer, ParticipantRole.Agent], room.Participants.Select(p => p.Role));
        Assert.True(room.Participants[0].Hold);
        Assert.All(room.Participants, p => Assert.True(p.InRoom));

        var history = await admin.GetOkAsync<ConferencePage>("/admin/conferences?status=ended&since=2026-11-23T21:00:00Z&pageSize=2");
        Assert.Equal((3, 2, 1), (history.Total, history.Items.Count, history.Page));
        var second = await admin.GetOkAsync<ConferencePage>("/admin/conferences?status=ended&since=2026-11-23T21:00:00Z&pageSize=2&page=2");
        Assert.Single(second.Items);
        Assert.Equal(3, history.Items.Concat(second.Items).Select(r => r.ConferenceSid).Distinct().Count());
        Assert.All(history.Items, r => Assert.Equal(ConferenceStatus.Ended, r.Status));

        var later = await admin.GetOkAsync<ConferencePage>("/admin/conferences?status=ended&since=2026-11-23T22:00:00Z");
        Assert.Equal(0, later.Total);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/admin/conferences?status=sideways")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/admin/conferences/room-CAffffffffffffffffffffffffffffffff")).StatusCode);
    }

    [Fact]
    public async Task State_survives_a_restart_on_the_same_database()
    {
        using var database = TestDatabase.Create(engine);
        var call = new CallScenario(30);
        var events = call.ConferenceEvents().Shuffled(seed: 30);
        await using (var first = new ContactCenterFactory().On(database))
        {
            foreach (var form in events.Take(5))
            {
                await first.CreateClient().PostOkAsync("/conference-events", form);
            }
        }

        await using var restarted = new ContactCenterFactory().On(database);
        foreach (var form in events)
        {
            await restarted.CreateClient().PostOkAsync("/conference-events", form);
        }

        var room = await restarted.CreateAdminClient().GetRoomAsync(call.Room);
        Assert.Equal(ConferenceStatus.Ended, room.Status);
        Assert.Equal(3, room.Participants.Count);
        Assert.Equal(10, database.Scalar("SELECT COUNT(*) FROM conference_events"));
        Assert.Equal(ContactCenter.Api.Storage.SchemaMigrator.Scripts(ContactCenter.Api.Storage.StorageProvider.Sqlite).Count, database.Scalar("SELECT COUNT(*) FROM schema_migrations")); // each script once
    }

    [Fact]
    public async Task History_older_than_the_retention_is_purged_and_newer_history_stays()
    {
        var clock = new FakeTimeProvider(TwilioForms.Start);
        await using var service = new ContactCenterFactory { Engine = engine }
            .With(("Storage:RetentionDays", "30"))
            .WithServices(s => s.AddSingleton<TimeProvider>(clock));
        var twilio = service.CreateClient();
        var old = new CallScenario(40);
        var recent = new CallScenario(41);
        foreach (var form in old.ConferenceEvents())
        {
            await twilio.PostOkAsync("/conference-events", form);
        }

        await twilio.PostOkAsync("/call-status", TwilioForms.CallStatus(old.AgentCall, "completed", 3, CallScenario.At(200)));
        clock.Advance(TimeSpan.FromDays(20));
        foreach (var form in recent.ConferenceEvents())
        {
            await twilio.PostOkAsync("/conference-events", form);
        }

        clock.Advance(TimeSpan.FromDays(11));
        await service.Services.GetRequiredService<RetentionPurge>().PurgeAsync(CancellationToken.None);

        var admin = service.CreateAdminClient();
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/admin/conferences/{old.Room}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/admin/calls/{old.AgentCall}")).StatusCode);
        Assert.Equal(ConferenceStatus.Ended, (await admin.GetRoomAsync(recent.Room)).Status);
        Assert.Equal(10, service.Database.Scalar("SELECT COUNT(*) FROM conference_events"));
    }

    [Fact]
    public async Task Dialed_legs_show_their_progress_with_phone_numbers_masked_unless_configured()
    {
        using var database = TestDatabase.Create(engine);
        var leg = new CallScenario(50).AgentCall;
        await using var masked = new ContactCenterFactory().On(database);
        await masked.CreateClient().PostOkAsync("/call-status", TwilioForms.CallStatus(leg, "busy", 2, CallScenario.At(20)));
        await masked.CreateClient().PostOkAsync("/call-status", TwilioForms.CallStatus(leg, "initiated", 0, CallScenario.At(10)));

        var statuses = await masked.CreateAdminClient().GetOkAsync<List<AdminCallStatus>>($"/admin/calls/{leg}");
        Assert.Equal(["initiated", "busy"], statuses.Select(s => s.CallStatus));
        Assert.Equal("+*******0142", statuses[0].To);
        Assert.Equal(CallScenario.At(10), statuses[0].Timestamp);
        Assert.DoesNotContain("4155550142", string.Join('\n', masked.Logs.Rendered));
        Assert.Equal(0, database.Scalar("SELECT COUNT(*) FROM call_status_events WHERE payload LIKE '%4155550142%'"));

        await using var shown = new ContactCenterFactory().On(database).With(("Admin:ShowPhoneNumbers", "true"));
        var unmasked = await shown.CreateAdminClient().GetOkAsync<List<AdminCallStatus>>($"/admin/calls/{leg}");
        Assert.Equal("+14155550142", unmasked[0].To);
    }

    [Fact]
    public async Task Readyz_answers_200_when_the_database_answers()
    {
        await using var service = new ContactCenterFactory { Engine = engine };
        var response = await service.CreateClient().GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}

public sealed class SqliteConferenceHistoryTests() : ConferenceHistoryBehaviour(StorageEngine.Sqlite)
{
    [Fact]
    public async Task Readyz_answers_503_when_the_database_does_not()
    {
        await using var service = new ContactCenterFactory();
        var client = service.CreateClient();
        service.Database.Scalar("DROP TABLE conferences");

        var response = await client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }
}

[Trait("Category", "Integration")]
public sealed class PostgresConferenceHistoryTests() : ConferenceHistoryBehaviour(StorageEngine.Postgres);
