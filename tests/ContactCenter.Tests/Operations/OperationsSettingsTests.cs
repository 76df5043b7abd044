using System.Net;
using ContactCenter.Tests.Infrastructure;

namespace ContactCenter.Tests.Operations;

public sealed class OperationsSettingsTests(ContactCenterFactory factory) : IClassFixture<ContactCenterFactory>
{
    [Fact]
    public async Task The_api_reference_is_served_only_when_configured_outside_development()
    {
        await using var configured = factory.With(("ApiReference:Enabled", "true"));

        var page = await configured.CreateClient().GetAsync("/scalar/v1");
        var absent = await factory.CreateClient().GetAsync("/scalar/v1");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, absent.StatusCode);
    }

    [Fact]
    public void Metrics_on_their_own_port_without_a_port_name_the_key_at_start()
    {
        using var service = factory.With(("Telemetry:Metrics:Exposure", "Port"));

        var failure = service.StartupFailure();

        Assert.Contains("Telemetry:Metrics:Port", failure.Message, StringComparison.Ordinal);
    }
}
