using ContactCenter.Api.Control;
using ContactCenter.Api.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ContactCenter.Api.Routing;

/// <summary>
/// Offers still open once their leg could no longer be ringing (ring timeout + a margin) are settled: a dial whose outcome
/// stayed unknown (a timeout, an unreadable answer: no leg CallSid stored), a leg that answered and hung up before joining,
/// a lost callback. Twilio's participant list decides. An agent leg in the room leaves the offer alone;
/// none gives the caller back its place and the agent back its availability (no miss: the agent was never rung).
/// </summary>
public sealed partial class OfferReconciler(
    IDbContextFactory<ContactCenterDbContext> contexts, QueueTransitions transitions, ControlSteps steps, IOptions<RoutingOptions> options,
    TimeProvider time, ILogger<OfferReconciler> logger)
{
    public static readonly TimeSpan Margin = TimeSpan.FromSeconds(30);

    public async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        List<QueueEntryRow> unknown;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var oldest = now - Margin;
            unknown = await db.QueueEntries.AsNoTracking()
                .Where(q => q.State == EntryStates.Offering && q.OfferedAt != null && q.OfferedAt < oldest)
                .OrderBy(q => q.OfferedAt).Take(20).ToListAsync(cancellationToken);
        }

        foreach (var entry in unknown)
        {
            var ring = TimeSpan.FromSeconds(options.Value.Find(entry.QueueId)?.RingTimeoutSeconds ?? 60);
            if (entry.OfferedAt!.Value + ring + Margin > now)
            {
                continue;
            }

            var participants = await steps.ParticipantsAsync(entry.ConferenceSid, cancellationToken);
            if (participants.Error is not null)
            {
                continue; // Twilio cannot tell now: try again on a later sweep
            }

            if (participants.Value!.Any(p => p.Label == RoomLookup.AgentLabel))
            {
                continue; // the leg is there: its join settles the offer
            }

            if (await transitions.ReturnOfferAsync(entry.CallerCallSid, null, miss: false, 0, cancellationToken) is not null)
            {
                LogReturned(logger, entry.CallerCallSid, entry.OfferedAgentId ?? "?");
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Offer of caller {CallSid} to agent {AgentId} had an unknown dial outcome and no leg: the caller waits again")]
    private static partial void LogReturned(ILogger logger, string callSid, string agentId);
}
