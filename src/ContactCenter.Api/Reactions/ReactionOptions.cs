using System.ComponentModel.DataAnnotations;

namespace ContactCenter.Api.Reactions;

/// <summary>How the callback-reaction worker drains the <c>reactions</c> queue (section <c>Reactions</c>).</summary>
public sealed class ReactionOptions
{
    public const string Section = "Reactions";

    /// <summary>How often the queue is read besides the wake-up on this instance's own callbacks (other instances' rows, retries).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00", ErrorMessage = "Reactions:PollInterval must be between 50 ms and 10 minutes.")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a claimed reaction belongs to its instance without renewal; the instance renews its running rows every third
    /// of it and gives them back on a graceful stop, so only a crashed instance's rows wait this long to be taken over.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Reactions:LeaseDuration must be between 1 second and 1 hour.")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long an unsettled transfer stays untouched before any instance finishes it as interrupted. It has no lease to renew,
    /// so this stays well above the longest Twilio request a live instance may still be waiting on.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Reactions:RecoveryAfter must be between 1 second and 1 hour.")]
    public TimeSpan RecoveryAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Rooms whose reactions run at the same time on one instance.</summary>
    [Range(1, 256, ErrorMessage = "Reactions:MaxParallel must be between 1 and 256.")]
    public int MaxParallel { get; set; } = 16;

    /// <summary>Runs of one reaction before a transient failure counts as final.</summary>
    [Range(1, 20, ErrorMessage = "Reactions:MaxAttempts must be between 1 and 20.")]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The first retry's delay; each further one doubles it (capped at 5 minutes).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:05:00", ErrorMessage = "Reactions:RetryBaseDelay must be between 10 ms and 5 minutes.")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);
}
