using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ContactCenter.Api.Storage;

public static class StorageExtensions
{
    public const string ReadyTag = "ready";

    /// <summary>
    /// The conference-state database: <c>Storage:Provider</c> Sqlite (default, a file under the content root) or
    /// Postgres (<c>ConnectionStrings:ContactCenter</c>), migrated at start-up, purged by age, checked by /readyz.
    /// </summary>
    public static IServiceCollection AddStorage(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidation>();

        services.AddPooledDbContextFactory<ContactCenterDbContext>((provider, options) =>
        {
            var storage = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
            if (storage.Provider == StorageProvider.Postgres)
            {
                options.UseNpgsql(provider.GetRequiredService<IConfiguration>().GetConnectionString(StorageOptions.ConnectionStringName));
                return;
            }

            options.UseSqlite(SqliteConnectionString(storage, provider.GetRequiredService<IHostEnvironment>()))
                .AddInterceptors(new SqliteConnectionSetup(storage.SqliteSynchronous));
        });

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SchemaMigrator>();
        services.AddSingleton<StorageWriteGate>();
        services.AddSingleton<GroupCommitWriter>();
        services.AddHostedService(provider => provider.GetRequiredService<GroupCommitWriter>());
        services.AddHostedService<StorageStartup>();
        services.AddSingleton<RetentionPurge>();
        services.AddHostedService<RetentionPurgeService>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag]);
        return services;
    }

    internal static string SqliteConnectionString(StorageOptions storage, IHostEnvironment environment)
    {
        var path = Path.GetFullPath(storage.SqlitePath, environment.ContentRootPath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 }.ToString();
    }

    private sealed class StorageOptionsValidation(IConfiguration configuration) : IValidateOptions<StorageOptions>
    {
        public ValidateOptionsResult Validate(string? name, StorageOptions options) =>
            options.Provider == StorageProvider.Postgres && string.IsNullOrWhiteSpace(configuration.GetConnectionString(StorageOptions.ConnectionStringName))
                ? ValidateOptionsResult.Fail(
                    "Storage:Provider is Postgres but ConnectionStrings:ContactCenter is not configured. " +
                    "Set the ConnectionStrings__ContactCenter environment variable or a user secret.")
                : ValidateOptionsResult.Success;
    }
}
