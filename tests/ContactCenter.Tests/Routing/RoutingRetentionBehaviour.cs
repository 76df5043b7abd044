using ContactCenter.Api.Control;
using ContactCenter.Api.Routing;
using ContactCenter.Api.Storage;
using ContactCenter.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ContactCenter.Tests.Routing;

/// <summary>
/// Routing's history (finished queue entries, voicemails), finished transfers and wrap-up notes expire with Storage:RetentionDays
/// like the rest; the audit log is kept. Run on every engine.
/// </summary>
public abstract class RoutingRetentionBehaviour(StorageEngine engine)
{
    [Fact]
    public async Task Finished_queue_entries_and_voicemails_older_than_the_retention_are_purged_and_live_or_newer_ones_stay()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        await using var service = new ContactCenterFactory { Engine = engine }
            .With(("Storage:RetentionDays", "30"))
            .WithServices(s => s.AddSingleton<TimeProvider>(clock));
        _ = service.CreateClient();
        var old = clock.GetUtcNow().UtcDateTime;
        await AddAsync(service, old, ("CAold-ended", EntryStates.Ended), ("CAold-abandoned", EntryStates.Abandoned),
            ("CAold-voicemail", EntryStates.Voicemail), ("CAold-waiting", EntryStates.Waiting), ("CAold-connected", EntryStates.Connected));
        clock.Advance(TimeSpan.FromDays(20));
        await AddAsync(service, clock.GetUtcNow().UtcDateTime, ("CArecent-ended", EntryStates.Ended));
        clock.Advance(TimeSpan.FromDays(11));

        // The background purge may run first on the advanced clock: the rows left are the assertion, not this call's count.
        await service.Services.GetRequiredService<RetentionPurge>().PurgeAsync(CancellationToken.None);

        Assert.Equal(["CAold-connected", "CAold-waiting", "CArecent-ended"], Strings(service, "SELECT caller_call_sid AS \"Value\" FROM queue_entries"));
        Assert.Equal(["RErecent-ended"], Strings(service, "SELECT recording_sid AS \"Value\" FROM voicemails"));
        Assert.Equal(0, await service.Services.GetRequiredService<RetentionPurge>().PurgeAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Finished_transfers_older_than_the_retention_and_notes_whose_call_is_gone_are_purged_and_the_audit_is_kept()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        await using var service = new ContactCenterFactory { Engine = engine }
            .With(("Storage:RetentionDays", "30"))
            .WithServices(s => s.AddSingleton<TimeProvider>(clock));
        _ = service.CreateClient();
        var old = clock.GetUtcNow().UtcDateTime;
        await AddAsync(service, old, ("CAold-ended", EntryStates.Ended), ("CAold-waiting", EntryStates.Waiting));
        await StoreAsync(service, db =>
        {
            db.Conferences.Add(Room("CAold-room", old));
            db.CallNotes.AddRange(Note("CAold-ended", old), Note("CAold-waiting", old), Note("CAold-room", old));
            db.Transfers.AddRange(Transfer("TRold-completed", TransferStates.Completed, old), Transfer("TRold-cancelled", TransferStates.Cancelled, old),
                Transfer("TRold-failed", TransferStates.Failed, old), Transfer("TRold-connected", TransferStates.Connected, old),
                Transfer("TRold-unsettled", TransferStates.Failed, old, settled: false));
            db.Audit.Add(new AuditRow { At = old, Actor = "sam", Action = "transfer.start", Room = "room-CAold-ended", Outcome = "ok" });
        });
        clock.Advance(TimeSpan.FromDays(20));
        var recent = clock.GetUtcNow().UtcDateTime;
        await StoreAsync(service, db =>
        {
            db.Conferences.Add(Room("CArecent-room", recent));
            db.CallNotes.Add(Note("CArecent-room", recent));
            db.Transfers.Add(Transfer("TRrecent-completed", TransferStates.Completed, recent));
        });
        clock.Advance(TimeSpan.FromDays(11));

        await service.Services.GetRequiredService<RetentionPurge>().PurgeAsync(CancellationToken.None);

        // A note stays while its call is live (however old the note) or its room is within the window.
        Assert.Equal(["CAold-waiting", "CArecent-room"], Strings(service, "SELECT call_sid AS \"Value\" FROM call_notes"));
        Assert.Equal(["TRold-connected", "TRold-unsettled", "TRrecent-completed"], Strings(service, "SELECT id AS \"Value\" FROM transfers"));
        Assert.Equal(1L, service.Database.Scalar("SELECT COUNT(*) FROM audit"));
        Assert.Equal(0, await service.Services.GetRequiredService<RetentionPurge>().PurgeAsync(CancellationToken.None));
    }

    private static ConferenceRow Room(string callSid, DateTime at) => new()
    {
        ConferenceSid = "CF" + callSid, FriendlyName = "room-" + callSid, FirstEventAt = at, LastReceivedAt = at, LastSequenceNumber = 1,
    };

    private static CallNoteRow Note(string callSid, DateTime at) => new() { CallSid = callSid, Note = "called back", Author = "alice", UpdatedAt = at };

    private static TransferRow Transfer(string id, string state, DateTime at, bool settled = true) => new()
    {
        Id = id, ConferenceSid = "CF" + id, Type = "warm", State = state, TargetKind = "agent", TargetId = "bob", CustomerCallSid = "CA" + id,
        Actor = "alice", CreatedAt = at, UpdatedAt = at, Settled = settled,
    };

    private static async Task StoreAsync(ContactCenterFactory service, Action<ContactCenterDbContext> add)
    {
        await using var db = await service.Services.GetRequiredService<IDbContextFactory<ContactCenterDbContext>>().CreateDbContextAsync();
        add(db);
        await db.SaveChangesAsync();
    }

    /// <summary>One queue entry per (CallSid, state), ended at <paramref name="at"/> when finished, and one voicemail each.</summary>
    private static async Task AddAsync(ContactCenterFactory service, DateTime at, params (string CallSid, string State)[] entries)
    {
        var contexts = service.Services.GetRequiredService<IDbContextFactory<ContactCenterDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        string[] live = [EntryStates.Waiting, EntryStates.Offering, EntryStates.Connected];
        foreach (var (callSid, state) in entries)
        {
            db.QueueEntries.Add(new QueueEntryRow
            {
                CallerCallSid = callSid, ConferenceSid = "CF" + callSid, QueueId = "support", EnteredAt = at, State = state,
                EndedAt = live.Contains(state) ? null : at,
            });
            db.Voicemails.Add(new VoicemailRow { RecordingSid = "RE" + callSid[2..], CallSid = callSid, QueueId = "support", CreatedAt = at });
        }

        await db.SaveChangesAsync();
    }

    private static List<string> Strings(ContactCenterFactory service, string sql)
    {
        var contexts = service.Services.GetRequiredService<IDbContextFactory<ContactCenterDbContext>>();
        using var db = contexts.CreateDbContext();
        return [.. db.Database.SqlQueryRaw<string>(sql).AsEnumerable().Order(StringComparer.Ordinal)];
    }
}

public sealed class SqliteRoutingRetentionTests() : RoutingRetentionBehaviour(StorageEngine.Sqlite);

[Trait("Category", "Integration")]
public sealed class PostgresRoutingRetentionTests() : RoutingRetentionBehaviour(StorageEngine.Postgres);
