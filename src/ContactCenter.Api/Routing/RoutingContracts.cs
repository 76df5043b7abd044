namespace ContactCenter.Api.Routing;
public sealed record QueuePosition(string QueueId, int Position, int WaitingCount, TimeSpan? ExpectedWait);
public sealed record QueueEntryView(string CallerCallSid, string ConferenceSid, string QueueId, DateTimeOffset EnteredAt);
public interface IQueuePositions { Task<QueuePosition?> GetAsync(string callerCallSid, CancellationToken cancellationToken); }
public interface IMaxWaitAction { Task RunAsync(QueueEntryView entry, string action, CancellationToken cancellationToken); }
