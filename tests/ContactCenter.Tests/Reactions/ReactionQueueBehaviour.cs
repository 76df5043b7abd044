using ContactCenter.Api.Reactions;
using ContactCenter.Tests.Infrastructure;
using ContactCenter.Api.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Serilog.Events;

namespace ContactCenter.Tests.Reactions;

/// <summary>The reaction queue's own rules: one room in order, rooms side by side, retries, dials never repeated. Both engines.</summary>
public abstract class ReactionQueueBehaviour(StorageEngine engine)
{
    private static Dictionary<string, string> Event(CallScenario call, long sequence) =>
        TwilioForms.ConferenceEvent(call.ConferenceSid, call.Room, sequence, "participant-mute", CallScenario.At((int)sequence));

    [Fact]
    public async Task Reactions_of_one_room_run_one_at_a_time_in_callback_order_while_another_room_runs_alongside()
    {
        CallScenario a = new(601), b = new(602);
        var probe = new LaneProbe(a.ConferenceSid);
        await using var service = new ContactCenterFactory { Engine = engine }.WithServices(s => s.AddSingleton<ICallbackReaction>(probe));
        var twilio = service.CreateClient();
        foreach (var call in new[] { a, b })
        {
            for (var sequence = 1; sequence <= 8; sequence++)
            {
                await twilio.PostOkAsync("/conference-events", Event(call, sequence));
            }
        }

        await service.Database.WaitIdleAsync();

        Assert.False(probe.FirstRoomWaitedAlone, "room B's reactions waited for room A's");
        Assert.Equal(0, probe.Overlaps);
        foreach (var call in new[] { a, b })
        {
            Assert.Equal(
                Enumerable.Range(1, 8).SelectMany(n => new[] { $"{call.ConferenceSid}#{n} start", $"{call.ConferenceSid}#{n} end" }),
                probe.Log.Where(l => l.StartsWith(call.ConferenceSid, StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task Transient_failures_are_retried_a_reaction_that_may_have_dialed_runs_once_and_a_bug_is_not_retried()
    {
        var call = new CallScenario(603);
        var probe = new FlakyProbe(call.ConferenceSid);
        await using var service = new ContactCenterFactory { Engine = engine }
            .With(("Reactions:RetryBaseDelay", "00:00:00.020"), ("Reactions:PollInterval", "00:00:00.050"))
            .WithServices(s => s.AddSingleton<ICallbackReaction>(probe));
        var twilio = service.CreateClient();
        for (var sequence = 1; sequence <= 4; sequence++)
        {
            await twilio.PostOkAsync("/conference-events", Event(call, sequence));
        }

        await service.Database.WaitIdleAsync();

        Assert.Equal([1L, 4L], probe.Finished); // #4 waited for #1's retries: the room's order holds
        Assert.Equal((3, 1, 1, 1), (probe.Runs[1], probe.Runs[2], probe.Runs[3], probe.Runs[4]));
        Assert.Equal(1, Rows(service, "sequence_number = 1 AND state = 'done' AND attempts = 3 AND last_error = 'HttpRequestException'"));
        Assert.Equal(1, Rows(service, "sequence_number = 2 AND state = 'unknown' AND attempts = 1"));
        Assert.Equal(1, Rows(service, "sequence_number = 3 AND state = 'failed' AND attempts = 1 AND last_error = 'InvalidOperationException'"));
        Assert.Equal(0, Rows(service, "last_error LIKE '%555%'"));
        Assert.Contains(service.Logs.Events, e => e.Level == LogEventLevel.Error && e.MessageTemplate.Text.Contains("may have dialed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Finished_reactions_are_kept_for_the_retention_period_and_then_purged()
    {
        var clock = new FakeTimeProvider(TwilioForms.Start);
        var probe = new RecordingObserver();
        await using var service = new ContactCenterFactory { Engine = engine }.With(("Storage:RetentionDays", "30"))
            .WithServices(s => s.AddSingleton<TimeProvider>(clock).AddSingleton<ICallbackReaction>(probe));
        var twilio = service.CreateClient();
        await twilio.PostOkAsync("/conference-events", Event(new CallScenario(604), 1));
        await service.Database.WaitIdleAsync();
        clock.Advance(TimeSpan.FromDays(20));
        await twilio.PostOkAsync("/conference-events", Event(new CallScenario(605), 1));
        await service.Database.WaitIdleAsync();

        clock.Advance(TimeSpan.FromDays(11));
        await service.Services.GetRequiredService<RetentionPurge>().PurgeAsync(CancellationToken.None);

        Assert.Equal(2, probe.ConferenceEvents.Count);
        Assert.Equal(1, service.Database.Scalar("SELECT COUNT(*) FROM reactions"));
        Assert.Equal(1, service.Database.Scalar($"SELECT COUNT(*) FROM reactions WHERE source_sid = '{new CallScenario(605).ConferenceSid}' AND state = 'done'"));
    }

    private static long Rows(ContactCenterFactory service, string where) =>
        service.Database.Scalar($"SELECT COUNT(*) FROM reactions WHERE reaction = 'test-flaky' AND {where}");
}

public sealed class SqliteReactionQueueTests() : ReactionQueueBehaviour(StorageEngine.Sqlite);

[Trait("Category", "Integration")]
public sealed class PostgresReactionQueueTests() : ReactionQueueBehaviour(StorageEngine.Postgres);
