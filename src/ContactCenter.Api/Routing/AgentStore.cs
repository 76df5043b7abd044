using ContactCenter.Api.Storage;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Api.Routing;

/// <summary>An agent's routing state as the API shows it.</summary>
public sealed record AgentView(
    string Id, string Presence, string? Reason, DateTimeOffset Since, DateTimeOffset? LastCallEndedAt, int ConsecutiveMisses,
    DateTimeOffset? WrapUpUntil);

/// <summary>The outcome of a hand-set presence: the agent is unknown, the change is illegal (409), or it took effect.</summary>
public sealed record PresenceChange(bool Found, bool Changed, string? From);

/// <summary>
/// <c>agent_states</c>: every change a conditional update on the presence it expects, so when instances race exactly one
/// wins. Ringing and on-call belong to the routing engine; a person sets only available, away and offline.
/// </summary>
public sealed class AgentStore(IDbContextFactory<ContactCenterDbContext> contexts, StorageWriteGate gate, TimeProvider time)
{
    /// <summary>Inserts the agents that have no row yet; existing rows keep their state.</summary>
    public async Task SeedAsync(IEnumerable<string> agentIds, string presence, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        using (await gate.EnterAsync(cancellationToken))
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            foreach (var id in agentIds)
            {
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO agent_states (agent_id, presence, reason, since, consecutive_misses, version)
                    VALUES ({id}, {presence}, {null as string}, {now}, {0}, {0})
                    ON CONFLICT DO NOTHING
                    """, cancellationToken);
            }
        }
    }

    public async Task<IReadOnlyList<AgentView>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.AgentStates.AsNoTracking().OrderBy(a => a.AgentId).ToListAsync(cancellationToken);
        return [.. rows.Select(View)];
    }

    public async Task<AgentStateRow?> GetAsync(string agentId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.AgentStates.AsNoTracking().FirstOrDefaultAsync(a => a.AgentId == agentId, cancellationToken);
    }

    /// <summary>A 409 when routing has the agent ringing or on a call: connect-agent and transfers never dial a busy agent elsewhere.</summary>
    public async Task<Control.ControlError?> RefuseIfBusyAsync(string agentId, CancellationToken cancellationToken) =>
        await GetAsync(agentId, cancellationToken) is { } agent && Presences.Busy.Contains(agent.Presence)
            ? Control.ControlError.Conflict("Agent is busy", $"Routing has agent '{agentId}' {agent.Presence}; they cannot be dialed elsewhere.")
            : null;

    /// <summary>A hand-set presence: available only from offline, away or wrap-up; away/offline from anything but ringing/on-call.</summary>
    public async Task<PresenceChange> SetPresenceAsync(string agentId, string to, string? reason, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var row = await GetAsync(agentId, cancellationToken);
            if (row is null)
            {
                return new PresenceChange(false, false, null);
            }

            if (Presences.Busy.Contains(row.Presence))
            {
                return new PresenceChange(true, false, row.Presence);
            }

            var now = time.GetUtcNow().UtcDateTime;
            var misses = to == Presences.Available ? 0 : row.ConsecutiveMisses;
            using (await gate.EnterAsync(cancellationToken))
            {
                await using var db = await contexts.CreateDbContextAsync(cancellationToken);
                var changed = await db.AgentStates.Where(a => a.AgentId == agentId && a.Version == row.Version).ExecuteUpdateAsync(s => s
                    .SetProperty(a => a.Presence, to).SetProperty(a => a.Reason, reason).SetProperty(a => a.Since, now)
                    .SetProperty(a => a.WrapUpUntil, (DateTime?)null)
                    .SetProperty(a => a.ConsecutiveMisses, misses)
                    .SetProperty(a => a.Version, a => a.Version + 1), cancellationToken);
                if (changed == 1)
                {
                    return new PresenceChange(true, true, row.Presence);
                }
            }
        }

        return new PresenceChange(true, false, null);
    }

    /// <summary>Agents whose wrap-up has run out become available; how many.</summary>
    public async Task<int> EndDueWrapUpsAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        using (await gate.EnterAsync(cancellationToken))
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            return await db.AgentStates.Where(a => a.Presence == Presences.WrapUp && a.WrapUpUntil != null && a.WrapUpUntil <= now)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Presence, Presences.Available).SetProperty(a => a.Reason, (string?)null)
                    .SetProperty(a => a.Since, now).SetProperty(a => a.WrapUpUntil, (DateTime?)null)
                    .SetProperty(a => a.Version, a => a.Version + 1), cancellationToken);
        }
    }

    public static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    public static DateTimeOffset? Utc(DateTime? value) => value is { } v ? Utc(v) : null;

    private static AgentView View(AgentStateRow a) =>
        new(a.AgentId, a.Presence, a.Reason, Utc(a.Since), Utc(a.LastCallEndedAt), a.ConsecutiveMisses, Utc(a.WrapUpUntil));
}
