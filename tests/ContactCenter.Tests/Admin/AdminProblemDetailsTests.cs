using System.Net;
using System.Text;
using System.Text.Json;
using ContactCenter.Tests.Infrastructure;

namespace ContactCenter.Tests.Admin;

/// <summary>Errors the framework answers itself (bad JSON, wrong media type, unknown route) are problem details under /admin too.</summary>
public sealed class AdminProblemDetailsTests(ContactCenterFactory factory) : IClassFixture<ContactCenterFactory>
{
    private const string Agents = "/admin/conferences/room-CA0123456789abcdef0123456789abcdef/agents";

    [Theory]
    [InlineData(Agents, "{not json", "application/json", HttpStatusCode.BadRequest)]
    [InlineData(Agents, "{\"agent\":5}", "application/json", HttpStatusCode.BadRequest)]
    [InlineData(Agents, "agent=alice", "text/plain", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("/admin/no-such-route", "{}", "application/json", HttpStatusCode.NotFound)]
    public async Task Framework_errors_under_admin_answer_problem_details(string path, string body, string mediaType, HttpStatusCode expected)
    {
        var response = await factory.CreateAdminClient().PostAsync(path, new StringContent(body, Encoding.UTF8, mediaType));

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal((int)expected, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Empty(factory.Outgoing.Requests);
    }

    [Fact]
    public async Task Twilio_routes_keep_an_empty_body()
    {
        var response = await factory.CreateClient().PostAsync("/voice", new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }
}
