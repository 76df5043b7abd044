using System.Security.Cryptography;
using System.Text;

namespace ContactCenter.Api.People;

/// <summary>How a presented key is hashed and compared; a seam so tests can count that every path does the same work.</summary>
public interface IKeyHasher
{
    byte[] Hash(string key);

    bool Matches(ReadOnlySpan<byte> presented, ReadOnlySpan<byte> stored);
}

/// <summary>SHA-256 of the UTF-8 key, compared in constant time.</summary>
public sealed class Sha256KeyHasher : IKeyHasher
{
    public byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    public bool Matches(ReadOnlySpan<byte> presented, ReadOnlySpan<byte> stored) => CryptographicOperations.FixedTimeEquals(presented, stored);
}
