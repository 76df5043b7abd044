using System.Security.Claims;
using ContactCenter.Api.Admin;
using ContactCenter.Api.Conferences;
using ContactCenter.Api.Observability;
using ContactCenter.Api.Routing;

namespace ContactCenter.Api.People;

/// <summary>What the list views show an agent: their own rooms, their own record, queues without other people's callers.</summary>
public static class AgentViews
{
    public const string Hidden = "hidden";

    /// <summary>Numbers in full only where <c>Admin:ShowPhoneNumbers</c> allows it, and for agents only with <c>Console:ShowNumbersToAgents</c> too.</summary>
    public static bool ShowNumbers(ClaimsPrincipal user, AdminOptions admin, ConsoleOptions console) =>
        admin.ShowPhoneNumbers && (!user.IsAgentOnly() || console.ShowNumbersToAgents);

    /// <summary>The agent's rooms as a page of the same query, newest first.</summary>
    public static ConferencePage Page(IReadOnlyList<ConferenceRoom> rooms, ConferenceQuery query)
    {
        var matching = query.Status == ConferenceStatus.Ended
            ? rooms.Where(r => r.Status == ConferenceStatus.Ended && (query.Since is null || r.EndedAt >= query.Since)).OrderByDescending(r => r.EndedAt)
            : rooms.Where(r => r.Status == ConferenceStatus.Active && (query.Since is null || r.StartedAt is null || r.StartedAt >= query.Since))
                .OrderByDescending(r => r.StartedAt);
        var list = matching.ThenBy(r => r.ConferenceSid, StringComparer.Ordinal).ToList();
        return new ConferencePage([.. list.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)], query.Page, query.PageSize, list.Count);
    }

    /// <summary>A number as the viewer may see it: in full, or all but the last four digits masked.</summary>
    public static string? Number(string? number, bool show) => number is null || show ? number : PhoneMask.Mask(number);

    /// <summary>
    /// Counts and positions stay; callers not offered to this agent lose their CallSids (they name other rooms) and numbers,
    /// the agent's own caller's number is masked unless <paramref name="showNumbers"/>.
    /// </summary>
    public static QueueView Queue(QueueView view, string? agent, bool showNumbers = false) => view with
    {
        Waiting = [.. view.Waiting.Select(w => w.OfferedAgent is not null && w.OfferedAgent == agent
            ? w with { Caller = Number(w.Caller, showNumbers) }
            : w with
            {
                CallSid = Hidden, OfferedAgent = w.OfferedAgent is null ? null : Hidden, OfferedCallSid = w.OfferedCallSid is null ? null : Hidden,
                Caller = w.Caller is null ? null : Hidden,
            })],
    };

    /// <summary>A supervisor's or admin's view: every caller, numbers masked unless <paramref name="showNumbers"/>.</summary>
    public static QueueView Numbers(QueueView view, bool showNumbers) =>
        showNumbers ? view : view with { Waiting = [.. view.Waiting.Select(w => w with { Caller = Number(w.Caller, false) })] };
}
