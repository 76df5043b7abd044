namespace ContactCenter.Tests.Infrastructure;

/// <summary>Waits for the service's queued callback reactions (the <c>reactions</c> table) to have run.</summary>
public static class ReactionQueue
{
    public static long Pending(this TestDatabase database) => database.Scalar("SELECT COUNT(*) FROM reactions WHERE state = 'pending'");

    /// <summary>Returns once no reaction is pending; fails the test after <paramref name="timeoutSeconds"/>.</summary>
    public static async Task WaitIdleAsync(this TestDatabase database, int timeoutSeconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (database.Pending() > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"reactions still pending after {timeoutSeconds} s");
            await Task.Delay(10);
        }
    }

    /// <summary>Polls until <paramref name="condition"/> holds; fails the test with <paramref name="what"/> after the timeout.</summary>
    public static async Task UntilAsync(Func<bool> condition, string what, int timeoutSeconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(10);
        }
    }
}
