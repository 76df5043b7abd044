using ContactCenter.Api.Control;
using ContactCenter.Api.Storage;
using ContactCenter.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Events;

namespace ContactCenter.Tests.Control;

/// <summary>The expected conflict of two transfers racing for one room: refused quietly (no Error line), on every engine.</summary>
public abstract class TransferConflictBehaviour(StorageEngine engine)
{
    private static TransferRow Transfer(string conferenceSid, DateTime now, string state = TransferStates.Dialing) => new()
    {
        Id = "TR" + Guid.NewGuid().ToString("N"),
        ConferenceSid = conferenceSid,
        Type = "warm",
        State = state,
        TargetKind = "agent",
        TargetId = "bob",
        FirstAgentCallSid = "CA0000000000000000000000000000000a",
        CustomerCallSid = "CA0000000000000000000000000000000c",
        Actor = ContactCenterFactory.AdminName,
        CreatedAt = now,
        UpdatedAt = now,
        Settled = false,
        TargetLabel = "transfer-target",
    };

    [Fact]
    public async Task A_second_active_transfer_for_a_room_is_refused_without_an_error_log_line()
    {
        await using var service = new ContactCenterFactory { Engine = engine };
        _ = service.Server;
        var store = service.Services.GetRequiredService<TransferStore>();
        var room = "CF" + Guid.NewGuid().ToString("N");
        // Now (after the service started), to the millisecond both engines keep: an unsettled transfer from before the
        // start would be taken over by TransferRecovery's background sweep, whose Twilio requests are not this test's subject.
        var now = DateTime.UnixEpoch.AddMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

        var first = Transfer(room, now);
        Assert.True(await store.TryInsertAsync(first, CancellationToken.None));
        var racing = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => store.TryInsertAsync(Transfer(room, now, TransferStates.Connected), CancellationToken.None)));

        Assert.All(racing, Assert.False);
        Assert.True(await store.TryInsertAsync(Transfer(room, now, TransferStates.Completed), CancellationToken.None), "a finished transfer is no conflict");
        Assert.Equal(2, service.Database.Scalar($"SELECT COUNT(*) FROM transfers WHERE conference_sid = '{room}'"));
        Assert.DoesNotContain(service.Logs.Events, e => e.Level >= LogEventLevel.Error);
        Assert.DoesNotContain(service.Logs.Events, e => e.Exception is not null);

        var stored = await store.GetAsync(first.Id, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal((first.State, first.TargetLabel, first.Settled, first.CreatedAt, first.Version), (stored.State, stored.TargetLabel, stored.Settled, stored.CreatedAt, stored.Version));
    }
}

public sealed class SqliteTransferConflictTests() : TransferConflictBehaviour(StorageEngine.Sqlite);

[Trait("Category", "Integration")]
public sealed class PostgresTransferConflictTests() : TransferConflictBehaviour(StorageEngine.Postgres);
