using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace ContactCenter.Api.Routing;

/// <summary>
/// When each waiting caller last heard their position, in memory. Twilio fetches the same waitUrl again each time the
/// music ends, so a counter in the URL would need a &lt;Redirect&gt; and would count music loops, not time; this
/// answers "has AnnounceEverySeconds passed?" by the clock. Bounded (<see cref="MaxCallers"/>, entries expire an hour
/// after the last fetch); losing an entry (restart, another instance) only means one announcement sooner.
/// </summary>
public sealed class AnnouncementClock(TimeProvider time, IOptionsMonitor<QueueWaitOptions> options) : IDisposable
{
    public const int MaxCallers = 20_000;

    private static readonly TimeSpan Idle = TimeSpan.FromHours(1);

    private readonly MemoryCache _last = new(new MemoryCacheOptions { SizeLimit = MaxCallers });

    /// <summary>True (and the time noted) when <paramref name="callSid"/> is due an announcement.</summary>
    public bool TryAnnounce(string callSid)
    {
        var now = time.GetUtcNow();
        var every = TimeSpan.FromSeconds(options.CurrentValue.AnnounceEverySeconds);
        lock (_last)
        {
            if (_last.TryGetValue(callSid, out DateTimeOffset last) && now - last < every)
            {
                return false;
            }

            _last.Set(callSid, now, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = Idle });
            return true;
        }
    }

    public void Dispose() => _last.Dispose();
}
