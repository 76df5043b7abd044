using System.Net;
using System.Text;
using ContactCenter.Tests.Infrastructure;

namespace ContactCenter.Tests.Twilio;

/// <summary>
/// Generated requests through the real pipeline: the public URL the service rebuilds (Twilio:PublicBaseUrl with
/// credentials, ports, escaped prefixes, plus the request's query) and the raw body it parses, against the rule
/// the libraries apply (<see cref="SignatureDifferentialTests"/> ties that rule to RequestValidator).
/// </summary>
public sealed class SignatureEndpointDifferentialTests(ContactCenterFactory factory) : IClassFixture<ContactCenterFactory>
{
    private const int Services = 5;
    private const int RequestsEach = 40;

    [Fact]
    public async Task The_endpoint_refuses_exactly_the_generated_requests_twilio_libraries_refuse()
    {
        var generator = new SignatureCaseGenerator(seed: 7);
        var failures = new List<string>();
        var refused = 0;
        for (var s = 0; s < Services; s++)
        {
            var generated = generator.NextUrl(canonical: s % 2 == 0);
            var service = generated with { Path = generated.Path.TrimEnd('/') + "/voice", Query = "" };
            var publicBaseUrl = service.AsRequested[..^"/voice".Length];
            await using var own = factory.With(("Twilio:PublicBaseUrl", publicBaseUrl));
            var client = own.CreateClient();
            for (var i = 0; i < RequestsEach; i++)
            {
                var request = generator.Next(service, ContactCenterFactory.AuthToken);
                var expected = request.Signature == TwilioSigner.Sign(request.Token, request.Url.WithoutPort, request.Pairs)
                    || request.Signature == TwilioSigner.Sign(request.Token, request.Url.WithPort, request.Pairs);
                using var message = new HttpRequestMessage(HttpMethod.Post, "http://localhost/voice" + request.Url.Query)
                {
                    Content = new StringContent(request.Body, Encoding.UTF8, "application/x-www-form-urlencoded"),
                };
                message.Headers.TryAddWithoutValidation("X-Twilio-Signature", request.Signature);

                var response = await client.SendAsync(message);

                refused += response.StatusCode == HttpStatusCode.Forbidden ? 1 : 0;
                if ((response.StatusCode != HttpStatusCode.Forbidden) != expected)
                {
                    failures.Add($"{request.Kind} {request.Url.AsRequested} body '{request.Body}': {(int)response.StatusCode}, libraries accept: {expected}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(10)));
        Assert.InRange(refused, Services * RequestsEach / 3, Services * RequestsEach * 5 / 6);
    }
}
