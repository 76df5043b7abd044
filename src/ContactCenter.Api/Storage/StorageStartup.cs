using Microsoft.Extensions.Options;

namespace ContactCenter.Api.Storage;

/// <summary>Creates and migrates the database before the service takes requests.</summary>
internal sealed partial class StorageStartup(SchemaMigrator migrator, IOptions<StorageOptions> options, ILogger<StorageStartup> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await migrator.MigrateAsync(settings.Provider, cancellationToken);
        LogReady(logger, settings.Provider, settings.RetentionDays);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Conference state stored in {Provider}; history kept {RetentionDays} days")]
    private static partial void LogReady(ILogger logger, StorageProvider provider, int retentionDays);
}
