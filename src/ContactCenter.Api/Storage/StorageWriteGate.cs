using Microsoft.Extensions.Options;

namespace ContactCenter.Api.Storage;

/// <summary>
/// SQLite has one writer at a time; queueing writers here is cheaper and fairer than letting them spin on
/// SQLITE_BUSY. PostgreSQL takes concurrent writers as they come.
/// </summary>
public sealed class StorageWriteGate(IOptions<StorageOptions> options) : IDisposable
{
    private readonly SemaphoreSlim? _sqlite = options.Value.Provider == StorageProvider.Sqlite ? new SemaphoreSlim(1, 1) : null;

    public async ValueTask<Releaser> EnterAsync(CancellationToken cancellationToken)
    {
        if (_sqlite is not null)
        {
            await _sqlite.WaitAsync(cancellationToken);
        }

        return new Releaser(_sqlite);
    }

    public void Dispose() => _sqlite?.Dispose();

    public readonly struct Releaser(SemaphoreSlim? semaphore) : IDisposable
    {
        public void Dispose() => semaphore?.Release();
    }
}
