using Microsoft.Extensions.Options;

namespace ContactCenter.Api.Storage;

/// <summary>
/// SQLite has one writer at a time; queueing writers here is cheaper and fairer than letting them spin on
/// SQLITE_BUSY. PostgreSQL takes concurrent writers as they come.
/// </summary>
public sealed class StorageWriteGate(IOptions<StorageOptions> options) : IDisposable
{
    private readonly SemaphoreSlim? _sqlite = options.Value.Provider == StorageProvider.Sqlite ? new SemaphoreSlim(1, 1) : null;
    private TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Completes when the next SQLite writer leaves the gate, its commit done: the change feed's in-process wake-up
    /// (PostgreSQL uses LISTEN/NOTIFY instead, and this never completes there).
    /// </summary>
    public Task Released => Volatile.Read(ref _released).Task;

    public async ValueTask<Releaser> EnterAsync(CancellationToken cancellationToken)
    {
        if (_sqlite is not null)
        {
            await _sqlite.WaitAsync(cancellationToken);
        }

        return new Releaser(_sqlite is null ? null : this);
    }

    public void Dispose() => _sqlite?.Dispose();

    private void Release()
    {
        _sqlite!.Release();
        Interlocked.Exchange(ref _released, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    public readonly struct Releaser(StorageWriteGate? gate) : IDisposable
    {
        public void Dispose() => gate?.Release();
    }
}
