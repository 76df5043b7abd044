using System.Net;
using System.Text.Json;
using ContactCenter.Api.Admin;
using ContactCenter.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ContactCenter.Tests.Admin;

public sealed class AdminAuthTests(ContactCenterFactory factory) : IClassFixture<ContactCenterFactory>
{
    [Theory]
    [InlineData(null)]
    [InlineData("Bearer test-admin-key-0123456789abcdeX")]
    [InlineData("Bearer test-admin-key")]
    [InlineData("Basic dGVzdC1hZG1pbi1rZXktMDEyMzQ1Njc4OWFiY2RlZg==")]
    public async Task A_missing_or_wrong_key_gets_401_problem_details(string? authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/admin/conferences");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        var response = await factory.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(401, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetInt32());
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    [Fact]
    public async Task The_right_key_is_let_in_and_its_name_is_recorded_as_the_actor()
    {
        await using var own = factory.With(("Admin:ApiKeys:1:Name", "ops-bob"), ("Admin:ApiKeys:1:Key", "second-admin-key-fedcba9876543210"));
        var response = await own.CreateAdminClient("second-admin-key-fedcba9876543210").GetAsync("/admin/conferences");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var line = await own.Logs.WaitForAsync(e => e.MessageTemplate.Text.StartsWith("HTTP {RequestMethod}", StringComparison.Ordinal) && e.Properties.ContainsKey("Actor"));
        Assert.Equal("\"ops-bob\"", line.Properties["Actor"].ToString());
        Assert.DoesNotContain("second-admin-key-fedcba9876543210", string.Join('\n', own.Logs.Rendered));
        Assert.Equal("ops-bob", AdminApiKeyHandler.Match("second-admin-key-fedcba9876543210", own.Services.GetRequiredService<IOptions<AdminOptions>>().Value.ApiKeys));
    }

    [Theory]
    [InlineData("Admin:ApiKeys:0:Key", "too-short")]
    [InlineData("Admin:ApiKeys:0:Name", " ")]
    public void A_key_without_a_name_or_shorter_than_16_characters_stops_the_service(string key, string value)
    {
        using var misconfigured = factory.With((key, value));
        var error = misconfigured.StartupFailure();
        Assert.Contains(key, error.Message);
    }

    [Fact]
    public async Task No_keys_outside_development_warns_and_refuses_everyone_even_the_development_key()
    {
        await using var keyless = factory.With(("Admin:ApiKeys:0:Name", null), ("Admin:ApiKeys:0:Key", null));
        var response = await keyless.CreateAdminClient(AdminOptions.DevelopmentKey).GetAsync("/admin/conferences");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(keyless.Logs.Rendered, line => line.Contains("No Admin:ApiKeys configured: the admin API answers 401"));
    }

    [Fact]
    public async Task Development_without_keys_accepts_the_documented_development_key_and_warns()
    {
        await using var development = factory.InEnvironment("Development").With(("Admin:ApiKeys:0:Name", null), ("Admin:ApiKeys:0:Key", null));
        var response = await development.CreateAdminClient(AdminOptions.DevelopmentKey).GetAsync("/admin/conferences");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(development.Logs.Rendered, line => line.Contains("Development accepts the public admin key"));
    }

    [Fact]
    public async Task The_openapi_document_describes_the_admin_api_and_its_bearer_scheme_but_not_the_webhooks()
    {
        var document = JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json")).RootElement;

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/admin/conferences", paths);
        Assert.Contains("/admin/conferences/{room}", paths);
        Assert.Contains("/admin/conferences/{room}/events", paths);
        Assert.DoesNotContain("/conference-events", paths);
        Assert.DoesNotContain("/voice", paths);
        var connect = document.GetProperty("paths").GetProperty("/admin/conferences/{room}/agents").GetProperty("post").GetProperty("responses");
        Assert.All(["200", "400", "404", "409", "422", "502", "503", "504"], status => Assert.True(connect.TryGetProperty(status, out _), status));
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty(AdminApiKeyHandler.SchemeName);
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
    }
}
