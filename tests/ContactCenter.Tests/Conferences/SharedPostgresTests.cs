using System.Text.Json;
using ContactCenter.Tests.Infrastructure;
using Serilog.Events;

namespace ContactCenter.Tests.Conferences;

/// <summary>Several instances behind a load balancer share one PostgreSQL.</summary>
// Integration: PostgreSQL.
[Trait("Category", "Integration")]
public sealed class SharedPostgresTests
{
    [Fact]
    public async Task Two_instances_fed_the_same_callbacks_interleaved_and_duplicated_agree_with_no_duplicate_rows_and_no_errors()
    {
        using var database = TestDatabase.CreatePostgres();
        await using var first = new ContactCenterFactory().On(database);
        await using var second = new ContactCenterFactory().On(database);
        // Both start (and migrate) at the same moment.
        var clients = await Task.WhenAll(Task.Run(first.CreateClient), Task.Run(second.CreateClient));

        var calls = Enumerable.Range(60, 4).Select(n => new CallScenario(n)).ToList();
        var deliveries = calls.SelectMany(c => c.ConferenceEvents().Select(f => ("/conference-events", f))
                .Concat(c.Recordings().Select(f => ("/recording-status", f)))
                .Append(("/call-status", TwilioForms.CallStatus(c.AgentCall, "in-progress", 2, CallScenario.At(25)))))
            .ToList();
        // Every callback goes to both instances (Twilio retrying through the load balancer), all at once.
        var work = deliveries.SelectMany(d => new[] { (clients[0], d), (clients[1], d) }).Shuffled(seed: 7).Select((w, i) => (w, i));
        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (item, _) =>
        {
            var ((client, (path, form)), _) = item;
            await client.PostOkAsync(path, form);
        });

        var firstAdmin = first.CreateAdminClient();
        var secondAdmin = second.CreateAdminClient();
        foreach (var call in calls)
        {
            var fromFirst = await firstAdmin.GetRoomAsync(call.Room);
            var fromSecond = await secondAdmin.GetRoomAsync(call.Room);
            Assert.Equal(JsonSerializer.Serialize(fromFirst), JsonSerializer.Serialize(fromSecond));
            Assert.Equal(3, fromFirst.Participants.Count);
            Assert.Equal("completed", Assert.Single(fromFirst.Recordings).Status);
            Assert.Equal(10, (await secondAdmin.GetTimelineAsync(call.ConferenceSid)).Count);
        }

        Assert.Equal(40, database.Scalar("SELECT COUNT(*) FROM conference_events"));
        Assert.Equal(4, database.Scalar("SELECT COUNT(*) FROM conferences"));
        Assert.Equal(8, database.Scalar("SELECT COUNT(*) FROM recordings"));
        Assert.Equal(4, database.Scalar("SELECT COUNT(*) FROM call_status_events"));
        Assert.Equal(ContactCenter.Api.Storage.SchemaMigrator.Scripts(ContactCenter.Api.Storage.StorageProvider.Sqlite).Count, database.Scalar("SELECT COUNT(*) FROM schema_migrations")); // each script once
        Assert.DoesNotContain(first.Logs.Events.Concat(second.Logs.Events), e => e.Level >= LogEventLevel.Error);
    }
}
