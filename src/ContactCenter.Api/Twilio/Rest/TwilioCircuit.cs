namespace ContactCenter.Api.Twilio.Rest;

/// <summary>
/// When the REST pipeline's circuit breaker closes again. Polly's BrokenCircuitException (8.4) carries no retry time,
/// so the breaker's OnOpened reports the end of its break here; admin answers use it as <c>Retry-After</c>.
/// </summary>
public sealed class TwilioCircuit(TimeProvider time)
{
    private long _closesAtTicks;

    public void Opened(TimeSpan breakDuration) =>
        Interlocked.Exchange(ref _closesAtTicks, (time.GetUtcNow() + breakDuration).UtcTicks);

    /// <summary>The rest of the current break, at least one second (what a client should wait before asking again).</summary>
    public TimeSpan RemainingBreak
    {
        get
        {
            var left = new DateTimeOffset(Interlocked.Read(ref _closesAtTicks), TimeSpan.Zero) - time.GetUtcNow();
            return left > TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(Math.Ceiling(left.TotalSeconds)) : TimeSpan.FromSeconds(1);
        }
    }
}
