using System.Collections.Concurrent;
using ContactCenter.Api.Conferences;
using ContactCenter.Api.Reactions;

namespace ContactCenter.Tests.Reactions;

/// <summary>
/// Logs when each room's reactions start and end. The first reaction of <see cref="FirstRoom"/> waits until another room's
/// reaction has started: only rooms running side by side let it go on at once.
/// </summary>
public sealed class LaneProbe(string firstRoom) : ICallbackReaction
{
    private readonly ConcurrentDictionary<string, int> _running = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _otherRoomStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _overlaps;

    public string Name => "test-lanes";

    public string FirstRoom => firstRoom;

    public ConcurrentQueue<string> Log { get; } = new();

    public int Overlaps => _overlaps;

    public bool FirstRoomWaitedAlone { get; private set; }

    public bool Wants(StoredConferenceEvent conferenceEvent) => true;

    public async Task OnConferenceEventAsync(StoredConferenceEvent e, ReactionContext context, CancellationToken cancellationToken)
    {
        if (_running.AddOrUpdate(e.ConferenceSid, 1, (_, n) => n + 1) > 1)
        {
            Interlocked.Increment(ref _overlaps);
        }

        Log.Enqueue($"{e.ConferenceSid}#{e.SequenceNumber} start");
        if (e.ConferenceSid != firstRoom)
        {
            _otherRoomStarted.TrySetResult();
        }
        else if (e.SequenceNumber == 1)
        {
            FirstRoomWaitedAlone = await Task.WhenAny(_otherRoomStarted.Task, Task.Delay(TimeSpan.FromSeconds(10), cancellationToken)) != _otherRoomStarted.Task;
        }

        await Task.Yield();
        Log.Enqueue($"{e.ConferenceSid}#{e.SequenceNumber} end");
        _running.AddOrUpdate(e.ConferenceSid, 0, (_, n) => n - 1);
    }
}

/// <summary>
/// Fails on purpose, by sequence number: #1 with a transient error twice (a phone number in the message) then succeeds;
/// #2 after announcing a dial; #3 with a bug; #4 succeeds.
/// </summary>
public sealed class FlakyProbe(string room) : ICallbackReaction
{
    public string Name => "test-flaky";

    public ConcurrentDictionary<long, int> Runs { get; } = new();

    public ConcurrentQueue<long> Finished { get; } = new();

    public bool Wants(StoredConferenceEvent conferenceEvent) => conferenceEvent.ConferenceSid == room;

    public async Task OnConferenceEventAsync(StoredConferenceEvent e, ReactionContext context, CancellationToken cancellationToken)
    {
        var run = Runs.AddOrUpdate(e.SequenceNumber, 1, (_, n) => n + 1);
        switch (e.SequenceNumber)
        {
            case 1 when run < 3:
                throw new HttpRequestException("Could not reach Twilio to update +14155550101");
            case 2:
                await context.BeforeDialAsync(cancellationToken);
                throw new HttpRequestException("The dial's answer never came");
            case 3:
                throw new InvalidOperationException("A bug");
        }

        Finished.Enqueue(e.SequenceNumber);
    }
}
