using System.Collections.Concurrent;
using ContactCenter.Api.Conferences;

namespace ContactCenter.Tests.Infrastructure;

/// <summary>An <see cref="IConferenceEventObserver"/> that remembers what it was told.</summary>
public sealed class RecordingObserver : IConferenceEventObserver
{
    public ConcurrentQueue<StoredConferenceEvent> ConferenceEvents { get; } = new();
    public ConcurrentQueue<StoredCallStatus> CallStatuses { get; } = new();

    public Task OnConferenceEventAsync(StoredConferenceEvent conferenceEvent, CancellationToken cancellationToken)
    {
        ConferenceEvents.Enqueue(conferenceEvent);
        return Task.CompletedTask;
    }

    public Task OnCallStatusAsync(StoredCallStatus callStatus, CancellationToken cancellationToken)
    {
        CallStatuses.Enqueue(callStatus);
        return Task.CompletedTask;
    }
}
