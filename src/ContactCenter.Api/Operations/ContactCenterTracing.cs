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
    private const int Capacity = 20_000;

    // A reaction is claimed within moments of its callback's commit; a minute covers a busy worker or a retry.
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, (ActivityContext Context, DateTimeOffset At)> _parents = new(StringComparer.Ordinal);
    private readonly Lock _sweeping = new();

    // ConcurrentDictionary.Count takes every lock: the size is counted here instead.
    private int _count;
    private long _nextSweepTicks;

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
        if (_parents.TryAdd(key, (current.Context, now)) && Interlocked.Increment(ref _count) > Capacity
            && now.UtcTicks >= Interlocked.Read(ref _nextSweepTicks))
        {
            Sweep(now);
        }
    }

    /// <summary>At most once a second: drops what is too old, and everything when that is not enough (a flood of callbacks).</summary>
    private void Sweep(DateTimeOffset now)
    {
        if (!_sweeping.TryEnter())
        {
            return;
        }

        try
        {
            Interlocked.Exchange(ref _nextSweepTicks, (now + TimeSpan.FromSeconds(1)).UtcTicks);
            foreach (var (key, parent) in _parents)
            {
                if (now - parent.At > MaxAge && _parents.TryRemove(key, out _))
                {
                    Interlocked.Decrement(ref _count);
                }
            }

            if (Volatile.Read(ref _count) > Capacity)
            {
                _parents.Clear();
                Interlocked.Exchange(ref _count, 0);
            }
        }
        finally
        {
            _sweeping.Exit();
        }
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
