using System.Collections.Concurrent;
using System.Diagnostics;
using ContactCenter.Api.Reactions;

namespace ContactCenter.Api.Operations;

/// <summary>
/// The service's own spans: callback ingestion, background reactions, dispatch. Attributes carry CallSid and
/// ConferenceSid, never a phone number.
/// </summary>
public static class ContactCenterTracing
{
    public const string SourceName = "ContactCenter";

    public static readonly ActivitySource Source = new(SourceName);

    public const string CallSid = "twilio.call_sid";
    public const string ConferenceSid = "twilio.conference_sid";
}

/// <summary>
/// Which trace stored each callback, so the reaction the worker runs later (another thread, maybe seconds later) continues
/// that trace: webhook, database and the Twilio requests it caused are one trace. Kept in memory only, bounded and
/// short-lived: a reaction run by another instance or after a restart starts a trace of its own.
/// </summary>
public sealed class TraceParents(TimeProvider time)
{
    private const int Capacity = 10_000;
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, (ActivityContext Context, DateTimeOffset At)> _parents = new(StringComparer.Ordinal);

    public static string ConferenceEventKey(string conferenceSid, long sequence) => $"{conferenceSid}#{sequence}";

    public static string CallStatusKey(string callSid, string status, long sequence) => $"{callSid}/{status}#{sequence}";

    /// <summary>Remembers the current span as the parent of <paramref name="key"/>'s reactions; nothing when no one traces.</summary>
    public void Remember(string key)
    {
        if (Activity.Current is not { Recorded: true } current)
        {
            return;
        }

        var now = time.GetUtcNow();
        if (_parents.Count >= Capacity)
        {
            foreach (var old in _parents.Where(p => now - p.Value.At > MaxAge || _parents.Count >= Capacity))
            {
                _parents.TryRemove(old.Key, out _);
            }
        }

        _parents[key] = (current.Context, now);
    }

    /// <summary>A span <c>reaction {name}</c> for a claimed reaction, child of the span that stored its callback when known.</summary>
    public Activity? StartReaction(ClaimedReaction row)
    {
        if (!ContactCenterTracing.Source.HasListeners())
        {
            return null;
        }

        var conference = row.Source == ReactionStates.ConferenceEvent;
        var key = conference ? ConferenceEventKey(row.SourceSid, row.SequenceNumber) : CallStatusKey(row.SourceSid, row.SourceStatus, row.SequenceNumber);
        var activity = ContactCenterTracing.Source.StartActivity("reaction " + row.Reaction, ActivityKind.Internal, Find(key));
        activity?.SetTag(conference ? ContactCenterTracing.ConferenceSid : ContactCenterTracing.CallSid, row.SourceSid);
        activity?.SetTag("contactcenter.reaction.attempt", row.Attempts);
        return activity;
    }

    public ActivityContext Find(string key) =>
        _parents.TryGetValue(key, out var parent) && time.GetUtcNow() - parent.At <= MaxAge ? parent.Context : default;
}
