using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using ContactCenter.Api.Twilio;
using ContactCenter.Tests.Infrastructure;

namespace ContactCenter.Tests.Twilio;

/// <summary>
/// What Twilio's Node library (<c>validateRequest</c>) answered for requests with repeated names, names differing in
/// case, credentials and explicit default ports in the URL (tests/vendor/twilio-vectors/node-validate-request.json).
/// </summary>
public sealed class NodeValidatorVectorTests
{
    [Fact]
    public void The_check_answers_every_node_vector_as_the_node_library_did()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Vendored("twilio-vectors", "node-validate-request.json")));
        var token = document.RootElement.GetProperty("authToken").GetString()!;
        var vectors = document.RootElement.GetProperty("vectors").EnumerateArray().ToList();
        var failures = new List<string>();
        foreach (var vector in vectors)
        {
            var url = vector.GetProperty("url").GetString()!;
            var expected = vector.GetProperty("pairs").EnumerateArray()
                .Select(p => new KeyValuePair<string, string>(p[0].GetString()!, p[1].GetString()!)).ToList();
            var pairs = new List<KeyValuePair<string, string>>();
            TwilioFormBody.Parse(Encoding.UTF8.GetBytes(vector.GetProperty("body").GetString()!), pairs);
            Assert.Equal(expected, pairs);

            var ours = TwilioSignature.IsValid(token, url, CollectionsMarshal.AsSpan(pairs), vector.GetProperty("signature").GetString());
            if (ours != vector.GetProperty("nodeAccepts").GetBoolean())
            {
                failures.Add($"{url} [{string.Join(", ", expected)}] {vector.GetProperty("how").GetString()}: ours {ours}");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.Equal(324, vectors.Count);
        Assert.Contains(vectors, v => !v.GetProperty("nodeAccepts").GetBoolean());
    }
}
