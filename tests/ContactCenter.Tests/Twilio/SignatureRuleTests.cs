using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using ContactCenter.Api.Twilio;
using ContactCenter.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Serilog.Events;
using Twilio.Security;

namespace ContactCenter.Tests.Twilio;

/// <summary>
/// The rules where the check used to disagree with Twilio's helper libraries, each through the real pipeline and,
/// where the .NET library can express the request, against <see cref="RequestValidator"/> too.
/// </summary>
public sealed class SignatureRuleTests(ContactCenterFactory factory) : IClassFixture<ContactCenterFactory>
{
    private const string Url = "http://localhost/voice";

    [Fact]
    public async Task A_form_with_the_same_pair_twice_is_accepted_as_twilio_libraries_accept_it()
    {
        var pairs = TwilioForms.IncomingCall().ToList();
        var body = Encode(pairs) + "&E=x&E=x";
        var signedOnce = pairs.Append(new("E", "x")).ToList();
        var signature = TwilioSigner.Sign(ContactCenterFactory.AuthToken, Url, signedOnce);
        Assert.True(new RequestValidator(ContactCenterFactory.AuthToken).Validate(Url, signedOnce.ToDictionary(), signature));

        var response = await factory.CreateClient().SendAsync(TwilioSigner.SignedRawPost(Url, body, signedOnce));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Names_differing_only_in_case_are_two_signed_parameters_and_the_handler_still_binds_the_form()
    {
        var pairs = TwilioForms.IncomingCall().ToList();
        pairs.Add(new("Foo", "1"));
        pairs.Add(new("foo", "2"));
        var signature = TwilioSigner.Sign(ContactCenterFactory.AuthToken, Url, pairs);
        Assert.True(new RequestValidator(ContactCenterFactory.AuthToken).Validate(Url, new Dictionary<string, string>(pairs, StringComparer.Ordinal), signature));

        var response = await factory.CreateClient().SendAsync(TwilioSigner.SignedRawPost(Url, Encode(pairs), pairs));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var conference = XDocument.Parse(await response.Content.ReadAsStringAsync()).Descendants("Conference").Single();
        Assert.Equal("room-" + TwilioForms.CallSid, conference.Value);
    }

    [Fact]
    public async Task A_case_merged_signature_is_refused_because_twilio_signs_each_name_apart()
    {
        var pairs = TwilioForms.IncomingCall().ToList();
        var merged = pairs.Append(new("Foo", "1,2")).ToList();
        var request = TwilioSigner.SignedRawPost(Url, Encode(pairs) + "&Foo=1&foo=2", merged);

        var response = await factory.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_body_sha256_url_is_signed_over_the_url_alone_and_the_body_must_match_its_hash()
    {
        var pairs = TwilioForms.IncomingCall().ToList();
        var body = Encode(pairs);
        var url = $"{Url}?bodySHA256={Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)))}";
        var urlSignature = TwilioSigner.Sign(ContactCenterFactory.AuthToken, url, []);
        Assert.True(new RequestValidator(ContactCenterFactory.AuthToken).Validate(url, body, urlSignature));

        var intact = await factory.CreateClient().SendAsync(FormPost(url, body, urlSignature));
        var tampered = await factory.CreateClient().SendAsync(FormPost(url, body.Replace("%2B1415", "%2B1900", StringComparison.Ordinal), urlSignature));

        Assert.Equal(HttpStatusCode.OK, intact.StatusCode);
        Assert.Equal("room-" + TwilioForms.CallSid, XDocument.Parse(await intact.Content.ReadAsStringAsync()).Descendants("Conference").Single().Value);
        Assert.Equal(HttpStatusCode.Forbidden, tampered.StatusCode);
    }

    [Fact]
    public async Task A_body_sha256_that_does_not_match_the_body_is_refused_even_when_the_parameters_are_signed()
    {
        var pairs = TwilioForms.IncomingCall().ToList();
        var url = $"{Url}?bodySHA256={Convert.ToHexStringLower(SHA256.HashData("something else"u8))}";

        var response = await factory.CreateClient().SendAsync(TwilioSigner.SignedRawPost(url, Encode(pairs), pairs));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public void A_body_hash_must_be_the_lowercase_hex_sha256_of_the_raw_body()
    {
        var body = "{}"u8.ToArray();
        var hash = Convert.ToHexStringLower(SHA256.HashData(body));
        const string url = "https://h.example/hook?bodySHA256=x";
        var signature = TwilioSigner.Sign("t", url, []);

        Assert.True(TwilioSignature.IsValidWithBodyHash("t", url, body, hash, signature));
        Assert.False(TwilioSignature.IsValidWithBodyHash("t", url, body, hash.ToUpperInvariant(), signature));
        Assert.False(TwilioSignature.IsValidWithBodyHash("t", url, body, hash[..^1], signature));
        Assert.False(TwilioSignature.IsValidWithBodyHash("t", url + "&more=1", body, hash, signature));
    }

    [Theory]
    [InlineData("https://user:pass@a.example/x", "https://user:pass@a.example/x", "https://user:pass@a.example:443/x")]
    [InlineData("https://user:pass@a.example:8443/x?y=1", "https://user:pass@a.example/x?y=1", "https://user:pass@a.example:8443/x?y=1")]
    [InlineData("http://user@[::1]/x", "http://user@[::1]/x", "http://user@[::1]:80/x")]
    [InlineData("https://u:p%40ss@a.example/x", "https://u:p%40ss@a.example/x", "https://u:p%40ss@a.example:443/x")]
    public void Credentials_in_the_url_stay_and_the_port_variants_follow_the_host(string url, string withoutPort, string withPort) =>
        Assert.Equal((withoutPort, withPort), TwilioSignature.PortVariants(url));

    [Fact]
    public async Task A_public_base_url_with_credentials_accepts_the_with_port_signature_and_never_logs_the_password()
    {
        await using var own = factory.With(("Twilio:PublicBaseUrl", "https://cc-user:s3cret-pass@public.example"));
        var form = TwilioForms.IncomingCall();
        var withPort = await own.CreateClient().SendAsync(TwilioSigner.SignedPost(Url, form, signedUrl: "https://cc-user:s3cret-pass@public.example:443/voice"));
        var wrong = await own.CreateClient().SendAsync(TwilioSigner.SignedPost(Url, form, signedUrl: "https://public.example/voice"));

        Assert.Equal(HttpStatusCode.OK, withPort.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Contains(own.Logs.Events, e => e.Level == LogEventLevel.Warning && e.Properties["SignedUrl"].ToString().Contains("***@public.example"));
        Assert.DoesNotContain("s3cret-pass", string.Join('\n', own.Logs.Rendered));
    }

    [Theory]
    [InlineData("space inside")]
    [InlineData("unused bits of the last character")]
    public async Task A_signature_that_only_decodes_to_the_right_bytes_is_refused_as_twilio_libraries_compare_text(string variant)
    {
        var request = TwilioSigner.SignedPost(Url, TwilioForms.IncomingCall());
        var signature = request.Headers.GetValues("X-Twilio-Signature").Single();
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        var altered = variant == "space inside"
            ? signature[..10] + " " + signature[10..]
            : signature[..26] + alphabet[alphabet.IndexOf(signature[26]) ^ 1] + signature[27..];
        Assert.Equal(Convert.FromBase64String(signature), Convert.FromBase64String(altered));
        request.Headers.Remove("X-Twilio-Signature");
        request.Headers.TryAddWithoutValidation("X-Twilio-Signature", altered);

        var response = await factory.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("connection lost", 400)]
    [InlineData("too large", 413)]
    public async Task A_body_that_cannot_be_read_gets_a_clear_status_not_a_500(string failure, int expected)
    {
        var context = await factory.Server.SendAsync(http =>
        {
            http.Request.Method = "POST";
            http.Request.Path = "/voice";
            http.Request.ContentType = "application/x-www-form-urlencoded";
            http.Request.Headers["X-Twilio-Signature"] = TwilioSigner.Sign(ContactCenterFactory.AuthToken, Url, TwilioForms.IncomingCall());
            http.Request.Body = new FailingStream(failure == "too large"
                ? new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge)
                : new IOException("The client reset the connection."));
        });

        Assert.Equal(expected, context.Response.StatusCode);
    }

    private static string Encode(IEnumerable<KeyValuePair<string, string>> pairs) =>
        string.Join('&', pairs.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));

    private static HttpRequestMessage FormPost(string url, string body, string signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded") };
        request.Headers.Add("X-Twilio-Signature", signature);
        return request;
    }

    /// <summary>A request body that yields a few bytes and then fails the way Kestrel's body does.</summary>
    private sealed class FailingStream(Exception failure) : MemoryStream("CallSid=CA01"u8.ToArray())
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Position < Length ? await base.ReadAsync(buffer, cancellationToken) : throw failure;
    }
}
