using ContactCenter.Api.Storage;
using ContactCenter.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContactCenter.Tests.Storage;

public abstract class GroupCommitWriterBehaviour(StorageEngine engine)
{
    private const string Insert = "INSERT INTO recordings (recording_sid, recording_status, received_at, payload) VALUES (@p0, @p1, @p2, @p3) ON CONFLICT (recording_sid, recording_status) DO NOTHING";

    [Fact]
    public async Task Writes_queued_together_share_one_commit_and_each_learns_its_own_row_count()
    {
        await using var service = new ContactCenterFactory { Engine = engine };
        var writer = Unstarted(service);

        // Queued before the writer runs, so all three land in the same batch.
        var first = writer.WriteAsync([Recording("RE1", "completed")], CancellationToken.None);
        var duplicate = writer.WriteAsync([Recording("RE1", "completed")], CancellationToken.None);
        var second = writer.WriteAsync([Recording("RE2", "completed"), Recording("RE2", "absent")], CancellationToken.None);
        await writer.StartAsync(CancellationToken.None);

        Assert.Equal(new[] { 1 }, await first);
        Assert.Equal(new[] { 0 }, await duplicate);
        Assert.Equal(new[] { 1, 1 }, await second);
        Assert.Equal(3, await RecordingRows(service));
        await writer.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_failing_write_fails_alone_and_its_batch_neighbours_are_still_stored()
    {
        await using var service = new ContactCenterFactory { Engine = engine };
        var writer = Unstarted(service);

        var good = writer.WriteAsync([Recording("RE3", "completed")], CancellationToken.None);
        var bad = writer.WriteAsync([new StorageWrite("INSERT INTO no_such_table (x) VALUES (@p0)", [1], "x")], CancellationToken.None);
        var alsoGood = writer.WriteAsync([Recording("RE4", "completed")], CancellationToken.None);
        await writer.StartAsync(CancellationToken.None);

        Assert.Equal(new[] { 1 }, await good);
        await Assert.ThrowsAnyAsync<Exception>(() => bad);
        Assert.Equal(new[] { 1 }, await alsoGood);
        Assert.Equal(2, await RecordingRows(service));
        await writer.StopAsync(CancellationToken.None);
    }

    private static StorageWrite Recording(string sid, string status) =>
        new(Insert, [sid + new string('0', 32 - sid.Length + 2), status, DateTime.UtcNow, "{}"], "recording:" + sid);

    private static GroupCommitWriter Unstarted(ContactCenterFactory service) => new(
        service.Services.GetRequiredService<IDbContextFactory<ContactCenterDbContext>>(),
        service.Services.GetRequiredService<StorageWriteGate>(),
        NullLogger<GroupCommitWriter>.Instance);

    private static async Task<int> RecordingRows(ContactCenterFactory service)
    {
        await using var db = await service.Services.GetRequiredService<IDbContextFactory<ContactCenterDbContext>>().CreateDbContextAsync();
        return await db.Recordings.CountAsync();
    }
}

public sealed class SqliteGroupCommitWriterTests() : GroupCommitWriterBehaviour(StorageEngine.Sqlite);

[Trait("Category", "Integration")]
public sealed class PostgresGroupCommitWriterTests() : GroupCommitWriterBehaviour(StorageEngine.Postgres);
