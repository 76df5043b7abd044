using System.Globalization;
using ContactCenter.Tests.Infrastructure;
using Npgsql;

namespace ContactCenter.Tests.Console;

/// <summary>Live updates across instances: two services on one PostgreSQL, LISTEN/NOTIFY between them.</summary>
public sealed class SharedPostgresConsoleTests
{
    [Fact]
    public async Task A_change_made_through_one_instance_reaches_a_stream_open_on_the_other()
    {
        using var database = TestDatabase.CreatePostgres();
        await using var first = ConsoleSetup.Factory().On(database);
        await using var second = ConsoleSetup.Factory().On(database);
        var adminFirst = first.CreateAdminClient();
        var adminSecond = second.CreateAdminClient();
        await using var events = await SseReader.OpenAsync(adminSecond);
        var call = new CallScenario(3);

        await ConsoleSetup.SetPresenceAsync(adminFirst, "alice", "available");
        var presence = await events.NextAsync("agent", "alice");
        await ConsoleSetup.CallerJoinsAsync(first.CreateClient(), call);
        var room = await events.NextAsync("room", call.Room);

        // A page moving to the first instance resumes there from its last id (the query-string form).
        await using var resumed = await SseReader.OpenAsync(adminFirst, presence.ChangeId.ToString(CultureInfo.InvariantCulture), inQuery: true);
        var replayed = await resumed.NextAsync("room", call.Room);
        Assert.Equal(room.ChangeId, replayed.ChangeId);
        Assert.DoesNotContain(resumed.Received, e => e.ChangeId <= presence.ChangeId);
    }

    [Fact]
    public async Task A_change_whose_transaction_commits_after_a_later_id_is_delivered_first_not_lost()
    {
        using var database = TestDatabase.CreatePostgres();
        await using var service = ConsoleSetup.Factory().On(database);
        var admin = service.CreateAdminClient();
        await using var events = await SseReader.OpenAsync(admin);

        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using (var slow = await connection.BeginTransactionAsync())
        {
            // Takes the next change id and holds it uncommitted while a later change commits and is notified.
            await using (var update = new NpgsqlCommand("UPDATE agent_states SET version = version + 1 WHERE agent_id = 'alice'", connection, slow))
            {
                await update.ExecuteNonQueryAsync();
            }

            await ConsoleSetup.SetPresenceAsync(admin, "bob", "available");
            await Task.Delay(TimeSpan.FromSeconds(1));
            await slow.CommitAsync();
        }

        var alice = await events.NextAsync("agent", "alice", TimeSpan.FromSeconds(10));
        var bob = await events.NextAsync("agent", "bob", TimeSpan.FromSeconds(10));
        Assert.True(alice.ChangeId < bob.ChangeId, $"alice {alice.ChangeId}, bob {bob.ChangeId}");
        Assert.Equal(events.Received.Select(e => e.ChangeId).Order(), events.Received.Select(e => e.ChangeId));
    }
}
