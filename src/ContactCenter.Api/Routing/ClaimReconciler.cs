using ContactCenter.Api.Control;
using ContactCenter.Api.Storage;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Api.Routing;

/// <summary>
/// Agents claimed for a dial by hand who are still <c>ringing</c> past the ring timeout plus a margin: the dial's outcome
/// stayed unknown, or its callbacks were lost. Without this an agent would stay ringing, refused by every dial and by
/// the presence API. Twilio's participant list decides: their label is in the room, on-call; it is not, the presence they
/// had is given back (no miss: they may never have been rung).
/// </summary>
public sealed partial class ClaimReconciler(
    IDbContextFactory<ContactCenterDbContext> contexts, AgentClaims claims, ControlSteps steps, TimeProvider time, ILogger<ClaimReconciler> logger)
{
    public async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        var oldest = time.GetUtcNow().UtcDateTime - TimeSpan.FromSeconds(steps.RingTimeoutSeconds) - OfferReconciler.Margin;
        List<string> holders;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            holders = await db.AgentStates.AsNoTracking()
                .Where(a => a.Presence == Presences.Ringing && a.Since < oldest && a.Reason != null && a.Reason.StartsWith(AgentClaims.DialedFrom))
                .Select(a => a.CurrentCallerCallSid!).Take(20).ToListAsync(cancellationToken);
        }

        foreach (var holder in holders.Where(h => h.Contains(':', StringComparison.Ordinal)))
        {
            var (conferenceSid, label) = (holder[..holder.IndexOf(':', StringComparison.Ordinal)], holder[(holder.IndexOf(':', StringComparison.Ordinal) + 1)..]);
            var participants = await steps.ParticipantsAsync(conferenceSid, cancellationToken);
            if (participants.Error is not null)
            {
                continue; // Twilio cannot tell now: a later sweep asks again
            }

            if (participants.Value!.Any(p => p.Label == label))
            {
                await claims.JoinedAsync(holder, cancellationToken);
            }
            else if (await claims.ReleaseAsync(holder, answered: false, miss: false, cancellationToken))
            {
                LogReleased(logger, holder);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Agent claimed as {Holder} was still ringing with no leg in the room: presence given back")]
    private static partial void LogReleased(ILogger logger, string holder);
}
