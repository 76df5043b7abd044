using ContactCenter.Api.Storage;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Api.Control;

/// <summary>
/// Dials whose outcome is unknown, by room and label. The same dial is never made again blindly: it is first reconciled
/// against Twilio's participant list (by label). A leg found there is the earlier dial, so nothing is dialed again; no leg
/// means it was never placed or has already ended, so the record is cleared and the dial may go ahead. The reconciler's
/// background passes clear records the same way (<see cref="ClearAbsentAsync"/>).
/// </summary>
public sealed class PendingDials(IDbContextFactory<ContactCenterDbContext> contexts, StorageWriteGate gate, ControlSteps steps, TimeProvider time)
{
    public async Task RecordAsync(string conferenceSid, string label, string target, string actor, CancellationToken cancellationToken)
    {
        using (await gate.EnterAsync(cancellationToken))
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await db.PendingDials.Where(p => p.ConferenceSid == conferenceSid && p.Label == label).ExecuteDeleteAsync(cancellationToken);
            db.PendingDials.Add(new PendingDialRow
            {
                ConferenceSid = conferenceSid, Label = label, Target = target, Actor = actor, CreatedAt = time.GetUtcNow().UtcDateTime,
            });
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    public async Task<IReadOnlyList<PendingDialRow>> ListAsync(string conferenceSid, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.PendingDials.AsNoTracking().Where(p => p.ConferenceSid == conferenceSid).ToListAsync(cancellationToken);
    }

    /// <summary>Null when <paramref name="label"/> may be dialed into the room; otherwise why not (409), after asking Twilio.</summary>
    public async Task<ControlError?> ReconcileAsync(string conferenceSid, string label, CancellationToken cancellationToken)
    {
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            if (!await db.PendingDials.AnyAsync(p => p.ConferenceSid == conferenceSid && p.Label == label, cancellationToken))
            {
                return null;
            }
        }

        var participants = await steps.ParticipantsAsync(conferenceSid, cancellationToken);
        if (participants.Error is { } failed)
        {
            return ControlError.Conflict("Earlier dial not reconciled",
                $"An earlier dial of '{label}' into this room has an unknown outcome and Twilio could not be asked about it ({failed.Title}); nothing was dialed. Try again later.")
                with { Operation = "Dial" };
        }

        // Found, it rings or talks: the record stays until Twilio no longer lists it (its join callback makes the record show it).
        var leg = participants.Value!.FirstOrDefault(p => string.Equals(p.Label, label, StringComparison.Ordinal));
        if (leg is not null)
        {
            return ControlError.Conflict("Already dialed",
                $"The earlier dial of '{label}' reached Twilio: leg {leg.CallSid} is in the room ({leg.Status}); nothing was dialed again.") with { Operation = "Dial" };
        }

        await ClearAsync(conferenceSid, label, cancellationToken);
        return null;
    }

    /// <summary>The background check: records of labels Twilio no longer lists in the room are cleared (never placed, or ended).</summary>
    public async Task ClearAbsentAsync(string conferenceSid, IReadOnlyCollection<string> labelsAtTwilio, CancellationToken cancellationToken)
    {
        using (await gate.EnterAsync(cancellationToken))
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await db.PendingDials.Where(p => p.ConferenceSid == conferenceSid && !labelsAtTwilio.Contains(p.Label)).ExecuteDeleteAsync(cancellationToken);
        }
    }

    private async Task ClearAsync(string conferenceSid, string label, CancellationToken cancellationToken)
    {
        using (await gate.EnterAsync(cancellationToken))
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await db.PendingDials.Where(p => p.ConferenceSid == conferenceSid && p.Label == label).ExecuteDeleteAsync(cancellationToken);
        }
    }
}
