namespace ContactCenter.Api.Twilio.Rest;

/// <summary>Twilio:Rest: how hard the REST client tries before it gives up.</summary>
public sealed class TwilioRestResilienceOptions
{
    /// <summary>Retries after the first attempt; 0 turns retrying off.</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>First backoff delay; it doubles with each retry (with jitter).</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Upper bound on one backoff delay, including one asked for by Retry-After.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(15);

    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>All attempts and delays of one call together.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(45);

    internal IEnumerable<string> Problems()
    {
        if (MaxRetryAttempts is < 0 or > 10)
        {
            yield return "Twilio:Rest:MaxRetryAttempts must be between 0 and 10.";
        }

        if (RetryBaseDelay < TimeSpan.Zero || MaxRetryDelay < RetryBaseDelay)
        {
            yield return "Twilio:Rest:RetryBaseDelay must not be negative nor above Twilio:Rest:MaxRetryDelay.";
        }

        // Polly refuses timeouts under 10 ms.
        if (AttemptTimeout < TimeSpan.FromMilliseconds(10) || TotalTimeout < AttemptTimeout)
        {
            yield return "Twilio:Rest:AttemptTimeout must be at least 10 ms and not above Twilio:Rest:TotalTimeout.";
        }
    }
}
