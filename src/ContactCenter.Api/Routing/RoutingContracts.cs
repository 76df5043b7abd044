namespace ContactCenter.Api.Routing;

/// <summary>Where a waiting caller stands: 1-based position by priority then arrival, how many wait, the expected wait (today's ASA, or null).</summary>
public sealed record QueuePosition(string QueueId, int Position, int WaitingCount, TimeSpan? ExpectedWait);

/// <summary>A queue entry as handed to the max-wait action.</summary>
public sealed record QueueEntryView(string CallerCallSid, string ConferenceSid, string QueueId, DateTimeOffset EnteredAt);

/// <summary>The waiting caller's position in its queue, or null when the caller is not waiting.</summary>
public interface IQueuePositions
{
    Task<QueuePosition?> GetAsync(string callerCallSid, CancellationToken cancellationToken);
}

/// <summary>Runs after the sweep claimed an entry whose max wait passed; <c>action</c> is "voicemail" or "overflow".</summary>
public interface IMaxWaitAction
{
    Task RunAsync(QueueEntryView entry, string action, CancellationToken cancellationToken);
}
