using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Serilog.Core;

namespace ContactCenter.Tests.Infrastructure;

/// <summary>
/// The service in-process with production-like settings: signatures validated, a known auth token, every
/// outgoing HTTP request answered by <see cref="Outgoing"/> (an unexpected one fails the test), logs captured.
/// Storage: each factory gets a database of its own (a temp SQLite file unless <see cref="Engine"/> is Postgres),
/// deleted when the factory is disposed; <see cref="On"/> points a factory at a database it shares instead
/// (two instances, or a restart).
/// </summary>
public sealed class ContactCenterFactory : WebApplicationFactory<Program>
{
    public const string AuthToken = "test-auth-token-0123456789abcdef";
    public const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    public const string AdminName = "ops-alice";
    public const string AdminKey = "test-admin-key-0123456789abcdef";

    private readonly List<Action<IServiceCollection>> _services = [];
    private TestDatabase? _ownDatabase;

    private readonly Dictionary<string, string?> _settings = new()
    {
        ["Twilio:AccountSid"] = AccountSid,
        ["Twilio:AuthToken"] = AuthToken,
        ["Serilog:MinimumLevel:Default"] = "Information",
        ["Serilog:WriteTo:0:Args:configure:0:Args:restrictedToMinimumLevel"] = "Warning",
        ["Admin:ApiKeys:0:Name"] = AdminName,
        ["Admin:ApiKeys:0:Key"] = AdminKey,
        // Background checks against Twilio would be unexpected outgoing requests; the reconciliation tests turn them on.
        ["Reconciliation:Enabled"] = "false",
        // Tests poll the admin API far faster than any client should; RateLimitTests set their own limits.
        ["RateLimits:Admin:PermitLimit"] = "1000000",
    };

    public StubHttpHandler Outgoing { get; } = new();

    public CapturingSink Logs { get; } = new();

    public string EnvironmentName { get; init; } = "Testing";

    /// <summary>
    /// Outgoing HTTP goes to the network instead of <see cref="Outgoing"/>: only for contract tests against a
    /// local mock (Prism), never a real service.
    /// </summary>
    public bool RealOutgoingHttp { get; init; }

    /// <summary>
    /// The Twilio simulator's webhooks (its "simulator-callbacks" client) go to this in-memory service instead of
    /// <see cref="Outgoing"/>, as Twilio's would reach the real one.
    /// </summary>
    public bool SimulatorLoopback { get; init; }

    /// <summary>The engine of the database this factory creates for itself (when not given one with <see cref="On"/>).</summary>
    public StorageEngine Engine { get; init; } = StorageEngine.Sqlite;

    /// <summary>A database this factory uses but does not own (its creator disposes it).</summary>
    public TestDatabase? SharedDatabase { get; init; }

    /// <summary>The database the service uses: the shared one, or one of its own created on first use.</summary>
    public TestDatabase Database => SharedDatabase ?? (_ownDatabase ??= TestDatabase.Create(Engine));

    /// <summary>A new factory with the same defaults plus <paramref name="settings"/> (null removes a key).</summary>
    public ContactCenterFactory With(params (string Key, string? Value)[] settings) => Copy(EnvironmentName, SharedDatabase, settings);

    /// <summary>A new factory with the same settings on <paramref name="database"/>, which the caller owns.</summary>
    public ContactCenterFactory On(TestDatabase database) => Copy(EnvironmentName, database, []);

    /// <summary>A new factory with the same settings that also runs <paramref name="configure"/> on the service's services.</summary>
    public ContactCenterFactory WithServices(Action<IServiceCollection> configure)
    {
        var factory = Copy(EnvironmentName, SharedDatabase, []);
        factory._services.Add(configure);
        return factory;
    }

    private ContactCenterFactory Copy(string environmentName, TestDatabase? database, (string Key, string? Value)[] settings)
    {
        var factory = new ContactCenterFactory
        {
            EnvironmentName = environmentName,
            Engine = database?.Engine ?? Engine,
            SharedDatabase = database,
            RealOutgoingHttp = RealOutgoingHttp,
            SimulatorLoopback = SimulatorLoopback,
        };
        factory._services.AddRange(_services);
        foreach (var (key, value) in _settings)
        {
            factory._settings[key] = value;
        }

        foreach (var (key, value) in settings)
        {
            if (value is null)
            {
                factory._settings.Remove(key);
            }
            else
            {
                factory._settings[key] = value;
            }
        }

        return factory;
    }

    public ContactCenterFactory InEnvironment(string environmentName) => Copy(environmentName, SharedDatabase, []);

    /// <summary>
    /// Starts the host expecting options validation to stop it, and returns why. The test host sometimes
    /// reports the failed start as ObjectDisposedException; the real reason is then in the host's own log.
    /// </summary>
    public Microsoft.Extensions.Options.OptionsValidationException StartupFailure()
    {
        var thrown = Record.Exception(() => CreateClient());
        Assert.NotNull(thrown);
        return Flatten(thrown).OfType<Microsoft.Extensions.Options.OptionsValidationException>().FirstOrDefault()
            ?? Logs.Events.Where(e => e.Exception is not null).SelectMany(e => Flatten(e.Exception!))
                .OfType<Microsoft.Extensions.Options.OptionsValidationException>().FirstOrDefault()
            ?? throw new Xunit.Sdk.XunitException($"The host did not fail options validation; it threw {thrown}");
    }

    private static IEnumerable<Exception> Flatten(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten))
                {
                    yield return inner;
                }
            }
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // The repository root holds the service's real appsettings.json: tests run against it.
        builder.UseContentRoot(RepositoryPaths.Root);
        builder.UseEnvironment(EnvironmentName);
        foreach (var (key, value) in Database.Settings.Concat(_settings.Select(kv => (kv.Key, kv.Value))))
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.AddSingleton<ILogEventSink>(Logs);
            if (!RealOutgoingHttp)
            {
                services.ConfigureAll<HttpClientFactoryOptions>(options =>
                    options.HttpMessageHandlerBuilderActions.Add(handlers => handlers.PrimaryHandler = Outgoing));
            }

            if (SimulatorLoopback)
            {
                // Resolved when the client is first built, by which time the test server exists.
                services.Configure<HttpClientFactoryOptions>("simulator-callbacks", options =>
                    options.HttpMessageHandlerBuilderActions.Add(handlers => handlers.PrimaryHandler = Server.CreateHandler()));
            }

            foreach (var configure in _services)
            {
                configure(services);
            }
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _ownDatabase?.Dispose();
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _ownDatabase?.Dispose();
    }
}
