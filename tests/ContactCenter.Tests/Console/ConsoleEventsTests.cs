using System.Diagnostics;
using System.Net;
using System.Text.Json;
using ContactCenter.Api.Storage;
using ContactCenter.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ContactCenter.Tests.Console;

/// <summary>GET /console/api/events on one instance (SQLite): what a page receives, and what it gets back after reconnecting.</summary>
public sealed class ConsoleEventsTests
{
    [Fact]
    public async Task A_signed_conference_callback_reaches_an_open_stream_as_a_room_change()
    {
        await using var service = ConsoleSetup.Factory();
        await using var events = await SseReader.OpenAsync(service.CreateAdminClient());
        var call = new CallScenario(1);

        var clock = Stopwatch.StartNew();
        await ConsoleSetup.CallerJoinsAsync(service.CreateClient(), call);
        var change = await events.NextAsync("room", call.Room);

        // "Within a second" is measured loosely here (a shared CI box); bench and the README give the figure.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"the room change took {clock.Elapsed}");
        var data = change.Json;
        Assert.Equal(change.ChangeId, data.GetProperty("id").GetInt64());
        Assert.Equal("room", data.GetProperty("kind").GetString());
        Assert.Equal(call.Room, data.GetProperty("room").GetString());
        Assert.Equal(JsonValueKind.Null, data.GetProperty("agent").ValueKind);
        Assert.True(data.GetProperty("at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
        Assert.DoesNotContain("+1", change.Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_presence_change_reaches_an_open_stream_as_an_agent_change()
    {
        await using var service = ConsoleSetup.Factory();
        var admin = service.CreateAdminClient();
        await using var events = await SseReader.OpenAsync(admin);

        await ConsoleSetup.SetPresenceAsync(admin, "alice", "available");

        var change = await events.NextAsync("agent", "alice");
        Assert.Equal("alice", change.Json.GetProperty("agent").GetString());
        Assert.DoesNotContain(events.Received, e => e.Subject == "bob");
    }

    [Fact]
    public async Task A_stream_reopened_with_its_last_event_id_gets_exactly_the_changes_it_missed_then_live_ones()
    {
        await using var service = ConsoleSetup.Factory();
        var admin = service.CreateAdminClient();
        long seen;
        await using (var first = await SseReader.OpenAsync(admin))
        {
            await ConsoleSetup.SetPresenceAsync(admin, "alice", "available");
            seen = (await first.NextAsync("agent", "alice")).ChangeId;
        }

        // Missed while no page was open.
        await ConsoleSetup.SetPresenceAsync(admin, "bob", "available");
        await ConsoleSetup.CallerJoinsAsync(service.CreateClient(), new CallScenario(2));
        await ConsoleSetup.SetPresenceAsync(admin, "alice", "away");

        var missed = service.Database.Scalar("SELECT MAX(id) FROM changes");
        await using var second = await SseReader.OpenAsync(admin, lastEventId: seen.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await ConsoleSetup.SetPresenceAsync(admin, "bob", "offline");
        var last = await second.NextAsync(e => e.Type == "agent" && e.Subject == "bob" && e.ChangeId > missed, "bob going offline, live");

        var stored = Ids(service.Database, $"SELECT id FROM changes WHERE id > {seen} AND id <= {last.ChangeId} ORDER BY id");
        Assert.Equal(stored, second.Received.Select(e => e.ChangeId));
        Assert.Contains(second.Received, e => e.Type == "agent" && e.Subject == "alice");
        Assert.Contains(second.Received, e => e.Type == "room" && e.Subject == new CallScenario(2).Room);
    }

    [Fact]
    public async Task The_stream_needs_an_admin_key_and_a_numeric_last_event_id()
    {
        await using var service = ConsoleSetup.Factory();

        var anonymous = await service.CreateClient().GetAsync("/console/api/events");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/console/api/events");
        request.Headers.Add("Last-Event-ID", "yesterday");
        var invalid = await service.CreateAdminClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal("application/problem+json", invalid.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Retention_purges_changes_older_than_a_day_and_keeps_recent_ones()
    {
        await using var service = ConsoleSetup.Factory();
        var admin = service.CreateAdminClient();
        await ConsoleSetup.SetPresenceAsync(admin, "alice", "available");
        var old = DateTime.UtcNow.AddDays(-2).ToString("yyyy-MM-dd HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture);
        service.Database.Scalar($"INSERT INTO changes (at, kind, subject, agent) VALUES ('{old}', 'agent', 'long-gone', 'long-gone')");

        await service.Services.GetRequiredService<RetentionPurge>().PurgeAsync(CancellationToken.None);

        Assert.Equal(0, service.Database.Scalar("SELECT COUNT(*) FROM changes WHERE subject = 'long-gone'"));
        Assert.Equal(1, service.Database.Scalar("SELECT COUNT(*) FROM changes WHERE subject = 'alice'"));
    }

    internal static List<long> Ids(TestDatabase database, string sql) => database.Rows(sql, reader => reader.GetInt64(0));
}
