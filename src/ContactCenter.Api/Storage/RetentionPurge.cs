using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ContactCenter.Api.Storage;

/// <summary>
/// Deletes history older than <c>Storage:RetentionDays</c>: a room goes (summary and every event) once nothing has
/// been received for it within the window; call and recording callbacks by the time they were received; finished
/// callback reactions by the time they finished (pending ones are never purged); idempotency keys and dial records by age
/// (counted with the reactions in the log line); routing's finished queue entries by the time they ended (waiting,
/// offering and connected ones are never purged), voicemails by the time they were stored, finished transfers by the time
/// they finished (active or unsettled ones are never purged) and a call's wrap-up note with its call: once neither the
/// call's queue entry nor its room is left. The live change feed's rows go after <see cref="ChangeRetention"/> whatever
/// the window: they serve pages open now (and their reconnects). The audit log is not purged: it is kept on purpose, as
/// the record of who did what, for as long as the operator keeps the database. Idempotent, so several instances may run it at once.
/// </summary>
public sealed partial class RetentionPurge(
    IDbContextFactory<ContactCenterDbContext> contexts,
    IOptions<StorageOptions> options,
    TimeProvider time,
    ILogger<RetentionPurge> logger)
{
    public static readonly TimeSpan ChangeRetention = TimeSpan.FromDays(1);

    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow().UtcDateTime.AddDays(-options.Value.RetentionDays);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var expired = db.Conferences.Where(c => c.LastReceivedAt < cutoff).Select(c => c.ConferenceSid);
        var events = await db.ConferenceEvents.Where(e => expired.Contains(e.ConferenceSid)).ExecuteDeleteAsync(cancellationToken);
        var rooms = await db.Conferences.Where(c => c.LastReceivedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        var calls = await db.CallStatusEvents.Where(c => c.ReceivedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        var recordings = await db.Recordings.Where(r => r.ReceivedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        var reactions = await db.Reactions.Where(r => r.CompletedAt != null && r.CompletedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        // Idempotency keys and unreconciled dial records expire with the history they belong to.
        reactions += await db.IdempotencyKeys.Where(k => k.CreatedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        reactions += await db.PendingDials.Where(p => p.CreatedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        string[] live = [Routing.EntryStates.Waiting, Routing.EntryStates.Offering, Routing.EntryStates.Connected];
        var entries = await db.QueueEntries.Where(q => !live.Contains(q.State) && (q.EndedAt ?? q.EnteredAt) < cutoff).ExecuteDeleteAsync(cancellationToken);
        var voicemails = await db.Voicemails.Where(v => v.CreatedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        string[] active = Control.TransferStates.Active;
        var transfers = await db.Transfers.Where(t => !active.Contains(t.State) && t.Settled && t.UpdatedAt < cutoff).ExecuteDeleteAsync(cancellationToken);

        // After the queue entries and rooms, so a note goes in the same run as the last of its call's history.
        var notes = await db.CallNotes
            .Where(n => !db.QueueEntries.Any(q => q.CallerCallSid == n.CallSid) && !db.Conferences.Any(c => c.FriendlyName == "room-" + n.CallSid))
            .ExecuteDeleteAsync(cancellationToken);
        var changeCutoff = time.GetUtcNow().UtcDateTime - ChangeRetention;
        var changes = await db.Database.ExecuteSqlAsync($"DELETE FROM changes WHERE at < {changeCutoff}", cancellationToken);
        var total = rooms + events + calls + recordings + reactions + entries + voicemails + transfers + notes + changes;
        if (total > 0)
        {
            LogPurged(logger, rooms, events, calls, recordings, reactions, entries, voicemails, transfers, notes, changes, cutoff);
        }

        return total;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention purge removed {Rooms} rooms, {Events} conference events, {Calls} call callbacks, {Recordings} recording callbacks, {Reactions} finished reactions, {QueueEntries} finished queue entries, {Voicemails} voicemails, {Transfers} finished transfers before {Cutoff:o}, {Notes} call notes with their calls, {Changes} live changes older than a day")]
    private static partial void LogPurged(
        ILogger logger, int rooms, int events, int calls, int recordings, int reactions, int queueEntries, int voicemails, int transfers, int notes, int changes,
        DateTime cutoff);
}

/// <summary>Runs <see cref="RetentionPurge"/> shortly after start and then every <c>Storage:PurgeInterval</c>.</summary>
internal sealed partial class RetentionPurgeService(
    RetentionPurge purge,
    IOptions<StorageOptions> options,
    TimeProvider time,
    ILogger<RetentionPurgeService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PurgeInterval, time);
        do
        {
            try
            {
                await purge.PurgeAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailed(logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Retention purge failed; it runs again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
