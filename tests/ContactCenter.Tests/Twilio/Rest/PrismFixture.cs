using ContactCenter.Api.Twilio.Rest;
using ContactCenter.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ContactCenter.Tests.Twilio.Rest;

/// <summary>
/// The service's REST client pointed at Stoplight Prism serving Twilio's own OpenAPI description
/// (started by ./build.sh test). Without Prism these tests fail: the contract is never silently skipped.
/// </summary>
public sealed class PrismFixture : IAsyncLifetime
{
    public const string VariableName = "CONTACTCENTER_TEST_PRISM_URL";

    private readonly ContactCenterFactory _factory;

    public PrismFixture()
    {
        var url = Environment.GetEnvironmentVariable(VariableName);
        if (string.IsNullOrWhiteSpace(url))
        {
            throw new InvalidOperationException(
                $"{VariableName} is not set: the Twilio REST contract tests need Stoplight Prism. Run them with ./build.sh test, " +
                $"which installs and starts Prism, or start it yourself (tools/prism/node_modules/.bin/prism mock -h 127.0.0.1 -p 4010 " +
                $"tests/vendor/twilio-oai/twilio_api_v2010.prism.json) and export {VariableName}=http://127.0.0.1:4010.");
        }

        BaseUrl = url.TrimEnd('/');

        // No retries: a contract problem must show up as the first answer, not be papered over.
        _factory = new ContactCenterFactory { RealOutgoingHttp = true }.With(("Twilio:ApiBaseUrl", url), ("Twilio:Rest:MaxRetryAttempts", "0"));
        Client = _factory.Services.GetRequiredService<ITwilioRestClient>();
    }

    public ITwilioRestClient Client { get; }

    public string BaseUrl { get; }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _factory.DisposeAsync().AsTask();
}

[CollectionDefinition(Name)]
public sealed class PrismCollection : ICollectionFixture<PrismFixture>
{
    public const string Name = "Twilio REST contract (Prism)";
}
