using System.Collections.Concurrent;
using ContactCenter.Api.Conferences;
using ContactCenter.Api.Reactions;

namespace ContactCenter.Tests.Infrastructure;

/// <summary>An <see cref="ICallbackReaction"/> that wants every callback and remembers what it was told.</summary>
public sealed class RecordingObserver : ICallbackReaction
{
    public string Name => "test-recorder";

    public ConcurrentQueue<StoredConferenceEvent> ConferenceEvents { get; } = new();
    public ConcurrentQueue<StoredCallStatus> CallStatuses { get; } = new();

    public bool Wants(StoredConferenceEvent conferenceEvent) => true;

    public bool Wants(StoredCallStatus callStatus) => true;

    public Task OnConferenceEventAsync(StoredConferenceEvent conferenceEvent, ReactionContext context, CancellationToken cancellationToken)
    {
        ConferenceEvents.Enqueue(conferenceEvent);
        return Task.CompletedTask;
    }

    public Task OnCallStatusAsync(StoredCallStatus callStatus, ReactionContext context, CancellationToken cancellationToken)
    {
        CallStatuses.Enqueue(callStatus);
        return Task.CompletedTask;
    }
}
