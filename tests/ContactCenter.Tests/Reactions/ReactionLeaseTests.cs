using System.Collections.Concurrent;
using System.Globalization;
using ContactCenter.Api.Conferences;
using ContactCenter.Api.Reactions;
using ContactCenter.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ContactCenter.Tests.Reactions;

/// <summary>Leases of instances that stop: a graceful stop hands them back, a crash is over within the short lease, a live run renews.</summary>
public sealed class ReactionLeaseTests
{
    private const string Poll = "00:00:00.050";

    [Fact]
    public async Task A_gracefully_stopped_instance_hands_its_unstarted_work_back_and_another_instance_takes_it_at_once()
    {
        using var database = TestDatabase.CreatePostgres();
        var room = new CallScenario(740);
        var blocked = new LeaseProbe(TimeSpan.FromHours(1));
        var first = Instance(database, blocked, ("Reactions:LeaseDuration", "00:05:00"));
        await first.CreateClient().PostOkAsync("/conference-events", Start(room));
        await blocked.Started.Task.WaitAsync(TimeSpan.FromSeconds(15));

        var taker = new LeaseProbe(TimeSpan.Zero);
        await using var second = Instance(database, taker, ("Reactions:LeaseDuration", "00:05:00"));
        _ = second.CreateClient();
        await first.DisposeAsync();

        // Well inside the 5 min lease; one attempt counted: the stopped instance's interrupted run was handed back, not lapsed.
        await ReactionQueue.UntilAsync(() => database.Scalar("SELECT COUNT(*) FROM reactions WHERE state = 'done'") == 1, "the other instance's run", 10);
        Assert.Equal([room.ConferenceSid], taker.Ran);
        Assert.Equal(1, database.Scalar("SELECT attempts FROM reactions"));
    }

    [Fact]
    public async Task A_crashed_instances_row_is_taken_over_when_its_short_lease_lapses_and_not_before()
    {
        using var database = TestDatabase.CreatePostgres();
        var room = new CallScenario(741);
        var taker = new LeaseProbe(TimeSpan.Zero, wants: false);
        await using var service = Instance(database, taker);
        await service.CreateClient().PostOkAsync("/conference-events", Start(room));

        // As an instance killed 28 s after its claim leaves it with the default 30 s lease.
        var leaseUntil = DateTime.UtcNow.AddSeconds(2);
        Assert.Equal(TimeSpan.FromSeconds(30), new ReactionOptions().LeaseDuration);
        database.Scalar($"""
            INSERT INTO reactions (reaction, source, source_sid, source_status, sequence_number, lane, state, attempts, may_have_dialed,
                next_attempt_at, lease_owner, lease_until, created_at)
            VALUES ('{LeaseProbe.ReactionName}', 'conference-event', '{room.ConferenceSid}', '', 1, '{room.ConferenceSid}', 'pending', 1, false,
                '{At(DateTime.UtcNow.AddSeconds(-30))}', 'crashed', '{At(leaseUntil)}', '{At(DateTime.UtcNow.AddSeconds(-30))}') RETURNING 1
            """);

        await ReactionQueue.UntilAsync(() => database.Scalar("SELECT COUNT(*) FROM reactions WHERE state = 'done'") == 1, "the takeover", 15);
        Assert.Single(taker.Ran);
        Assert.True(taker.StartedAt >= leaseUntil, $"taken over at {taker.StartedAt:O}, before the lease ended at {leaseUntil:O}");
        Assert.Equal(2, database.Scalar("SELECT attempts FROM reactions"));
    }

    [Fact]
    public async Task A_reaction_running_longer_than_the_lease_is_not_taken_over_while_its_instance_renews_it()
    {
        using var database = TestDatabase.CreatePostgres();
        var room = new CallScenario(742);
        var slow = new LeaseProbe(TimeSpan.FromSeconds(5));
        await using var first = Instance(database, slow, ("Reactions:LeaseDuration", "00:00:02"));
        await first.CreateClient().PostOkAsync("/conference-events", Start(room));
        await slow.Started.Task.WaitAsync(TimeSpan.FromSeconds(15));

        var other = new LeaseProbe(TimeSpan.Zero);
        await using var second = Instance(database, other, ("Reactions:LeaseDuration", "00:00:02"));
        _ = second.CreateClient();
        await ReactionQueue.UntilAsync(() => database.Scalar("SELECT COUNT(*) FROM reactions WHERE state = 'done'") == 1, "the slow run", 20);

        Assert.Single(slow.Ran);
        Assert.Empty(other.Ran);
        Assert.Equal(1, database.Scalar("SELECT attempts FROM reactions"));
    }

    private static ContactCenterFactory Instance(TestDatabase database, LeaseProbe probe, params (string, string)[] settings) =>
        new ContactCenterFactory().On(database).With([("Reactions:PollInterval", Poll), .. settings])
            .WithServices(s => s.AddSingleton<ICallbackReaction>(probe));

    private static Dictionary<string, string> Start(CallScenario room) =>
        TwilioForms.ConferenceEvent(room.ConferenceSid, room.Room, 1, "conference-start", CallScenario.At(1));

    private static string At(DateTime t) => t.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture) + "+00";

    /// <summary>Wants conference starts (unless told not to); each run records its room, then takes <paramref name="runFor"/> or until stopped.</summary>
    private sealed class LeaseProbe(TimeSpan runFor, bool wants = true) : ICallbackReaction
    {
        public const string ReactionName = "test-lease";

        public string Name => ReactionName;

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public DateTime StartedAt { get; private set; }

        public ConcurrentQueue<string> Ran { get; } = new();

        public bool Wants(StoredConferenceEvent conferenceEvent) => wants && conferenceEvent.EventType == "conference-start";

        public async Task OnConferenceEventAsync(StoredConferenceEvent e, ReactionContext context, CancellationToken cancellationToken)
        {
            StartedAt = DateTime.UtcNow;
            Started.TrySetResult();
            await Task.Delay(runFor, cancellationToken);
            Ran.Enqueue(e.ConferenceSid);
        }
    }
}
