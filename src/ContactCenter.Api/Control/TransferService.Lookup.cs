using ContactCenter.Api.Storage;

namespace ContactCenter.Api.Control;

/// <summary>A room's transfer by id: only when it belongs to that room.</summary>
public sealed partial class TransferService
{
    public async Task<ControlResult<TransferView>> GetAsync(string room, string id, CancellationToken cancellationToken) =>
        await FindAsync(room, id, cancellationToken) is { } row ? TransferView.Of(row) : UnknownTransfer(id);

    private async Task<TransferRow?> FindAsync(string room, string id, CancellationToken cancellationToken)
    {
        var sid = await rooms.SidAsync(room, cancellationToken);
        var row = await store.GetAsync(id, cancellationToken);
        return row is not null && row.ConferenceSid == sid ? row : null;
    }

    private async Task<ControlResult<TransferView>> ReloadAsync(string id, CancellationToken cancellationToken) =>
        TransferView.Of((await store.GetAsync(id, cancellationToken))!);

    private static ControlError UnknownTransfer(string id) =>
        ControlError.NotFound("Unknown transfer", $"No transfer '{RoomLookup.Short(id)}' in this room.");
}
