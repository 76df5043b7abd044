using ContactCenter.Api.Storage;
using ContactCenter.Tests.EndToEnd;
using ContactCenter.Tests.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ContactCenter.Tests.Console;

/// <summary>A routed call end to end (Kestrel, the Twilio simulator): its changes are all ids, never a phone number.</summary>
public sealed class RoutedCallChangesTests
{
    [Fact]
    public async Task A_routed_call_leaves_room_agent_and_queue_changes_and_no_phone_number_in_rows_or_events()
    {
        await using var live = RoutingHarness.Start(["alice"]);
        await using var events = await SseReader.OpenAsync(live.Admin);
        await live.SetPresenceAsync("alice", "available");
        var (_, room) = await live.PlaceCallAsync();
        await live.AgentWhenAsync("alice", "on-call");
        await events.NextAsync(e => e.Type == "queue" && e.Json.GetProperty("agent").GetString() == "alice", "the queue entry offered to alice");
        await using var db = await live.Services.GetRequiredService<IDbContextFactory<ContactCenterDbContext>>().CreateDbContextAsync();
        var rows = await db.Database.SqlQuery<string>($"SELECT kind || ' ' || subject || ' ' || COALESCE(room, '-') || ' ' || COALESCE(agent, '-') AS \"Value\" FROM changes").ToListAsync();
        var last = (await db.Database.SqlQuery<long>($"SELECT MAX(id) AS \"Value\" FROM changes").ToListAsync())[0];

        // Everything stored so far, replayed to a fresh page.
        await using var replay = await SseReader.OpenAsync(live.Admin, lastEventId: "0");
        await replay.NextAsync(e => e.ChangeId == last, "the last stored change, replayed");

        Assert.Contains(rows, r => r.StartsWith($"room {room}", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.StartsWith("agent alice", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.StartsWith($"queue support {room} alice", StringComparison.Ordinal));
        Assert.Equal(rows.Count, replay.Received.Count);
        string[] numbers = [LiveContactCenter.CallerNumber, "+18005550100", "+1"];
        Assert.All(rows, r => Assert.DoesNotContain(numbers, n => r.Contains(n, StringComparison.Ordinal)));
        Assert.All(replay.Received.Concat(events.Received), e => Assert.DoesNotContain(numbers, n => e.Data.Contains(n, StringComparison.Ordinal)));
        Assert.Equal(Enumerable.Range(1, (int)last).Select(i => (long)i), replay.Received.Select(e => e.ChangeId));
    }
}
