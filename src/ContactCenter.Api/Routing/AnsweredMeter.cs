using System.Threading.Channels;
using ContactCenter.Api.Operations;
using ContactCenter.Api.Storage;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Api.Routing;

/// <summary>
/// Counts the routed answers settled in an agent join's own commit (<see cref="RoomWrites.Connect"/>): that commit only
/// says the entry moved, so its queue and wait are read here, off the webhook's path, once per answer.
/// </summary>
public sealed partial class AnsweredMeter(
    IDbContextFactory<ContactCenterDbContext> contexts, ContactCenterMetrics metrics, ILogger<AnsweredMeter> logger) : BackgroundService
{
    private readonly Channel<string> _answered =
        Channel.CreateBounded<string>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest });

    /// <summary>The room's caller was answered in a commit that just finished; never waits.</summary>
    public void Answered(string conferenceSid) => _answered.Writer.TryWrite(conferenceSid);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var conferenceSid in _answered.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await using var db = await contexts.CreateDbContextAsync(stoppingToken);
                var entry = await db.QueueEntries.AsNoTracking().Where(q => q.ConferenceSid == conferenceSid && q.AnsweredAt != null)
                    .Select(q => new { q.QueueId, q.EnteredAt, q.AnsweredAt }).FirstOrDefaultAsync(stoppingToken);
                if (entry is not null)
                {
                    metrics.Answered(entry.QueueId, entry.AnsweredAt!.Value - entry.EnteredAt);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogNotCounted(logger, conferenceSid, exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The answer in room {ConferenceSid} could not be counted in the metrics")]
    private static partial void LogNotCounted(ILogger logger, string conferenceSid, Exception exception);
}
