using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using NgoMonitor.Adapters.Storage;

namespace NgoMonitor.Host.Admin.Auth;

/// <summary>A verified API key: its id, name and role.</summary>
public sealed record ApiKeyInfo(string KeyId, string Name, string Role);

/// <summary>A stored key as listed to an operator: never its secret or hash.</summary>
public sealed record ApiKeyListing(string KeyId, string Name, string Role, DateTimeOffset? CreatedAt, DateTimeOffset? RevokedAt);

/// <summary>
/// Standalone API keys in the ApiKeys table. A key reads "mk_{keyId}_{secret}": the key id is the RowKey (lookup
/// without a scan); only SHA-256(salt ‖ secret) with a random 16-byte per-key salt is stored, so a leaked table
/// yields no usable key. Comparison is constant-time. Keys are created by the `keys create` verb and shown once,
/// listed by `keys list` and revoked by `keys revoke`; a revoked key stays in the table (with its revocation time) so
/// the audit trail can still name it, and is refused from the next request on.
/// </summary>
public sealed class ApiKeyStore(MonitorTables tables, TimeProvider time)
{
    private const string Partition = "key";

    public async Task<(string Key, ApiKeyInfo Info)> CreateAsync(string name, string role, CancellationToken cancellationToken)
    {
        if (!MonitorRoles.IsValid(role))
        {
            throw new ArgumentException($"role must be {MonitorRoles.Admin} or {MonitorRoles.Viewer}", nameof(role));
        }

        await tables.EnsureCreatedAsync();
        var keyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        var salt = RandomNumberGenerator.GetBytes(16);
        var entity = new TableEntity(Partition, keyId)
        {
            ["Name"] = name,
            ["Role"] = role,
            ["Salt"] = Convert.ToBase64String(salt),
            ["Hash"] = Convert.ToBase64String(Hash(salt, secret)),
            ["CreatedAt"] = time.GetUtcNow(),
            ["Revoked"] = false,
        };
        await tables.ApiKeys.AddEntityAsync(entity, cancellationToken);
        return ($"mk_{keyId}_{secret}", new ApiKeyInfo(keyId, name, role));
    }

    /// <summary>Every stored key, newest first, revoked ones included.</summary>
    public async Task<IReadOnlyList<ApiKeyListing>> ListAsync(CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var keys = new List<ApiKeyListing>();
        await foreach (var e in tables.ApiKeys.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken: cancellationToken))
        {
            keys.Add(Listing(e));
        }

        return [.. keys.OrderByDescending(k => k.CreatedAt)];
    }

    /// <summary>
    /// Marks the key revoked (idempotent: revoking twice keeps the first revocation time). Returns the key as it was
    /// and as it now stands (equal when it was already revoked), or null when no key has this id.
    /// </summary>
    public async Task<(ApiKeyListing Before, ApiKeyListing After)?> RevokeAsync(string keyId, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var found = await tables.ApiKeys.GetEntityIfExistsAsync<TableEntity>(Partition, keyId, cancellationToken: cancellationToken);
        if (!found.HasValue || found.Value is not { } e)
        {
            return null;
        }

        var before = Listing(e);
        if (before.RevokedAt is null)
        {
            e["Revoked"] = true;
            e["RevokedAt"] = time.GetUtcNow();

            // If-Match on the row read: a concurrent revoke fails loudly rather than both writing.
            await tables.ApiKeys.UpdateEntityAsync(e, e.ETag, TableUpdateMode.Merge, cancellationToken);
        }

        return (before, Listing(e));
    }

    private static ApiKeyListing Listing(TableEntity e) => new(
        e.RowKey, e.GetString("Name") ?? e.RowKey, e.GetString("Role") ?? MonitorRoles.Viewer,
        e.GetDateTimeOffset("CreatedAt"), e.GetBoolean("Revoked") == true ? e.GetDateTimeOffset("RevokedAt") ?? e.Timestamp : null);

    /// <summary>The key's info when it is well-formed, known, not revoked and its secret hashes to the stored hash.</summary>
    public async Task<ApiKeyInfo?> VerifyAsync(string key, CancellationToken cancellationToken)
    {
        var parts = key.Split('_', 3);
        if (parts.Length != 3 || parts[0] != "mk" || parts[1].Length != 16 || !parts[1].All(char.IsAsciiHexDigitLower) || parts[2].Length is 0 or > 100)
        {
            return null;
        }

        await tables.EnsureCreatedAsync();
        var found = await tables.ApiKeys.GetEntityIfExistsAsync<TableEntity>(Partition, parts[1], cancellationToken: cancellationToken);
        if (!found.HasValue || found.Value is not { } e || e.GetBoolean("Revoked") == true)
        {
            return null;
        }

        var expected = Convert.FromBase64String(e.GetString("Hash"));
        var actual = Hash(Convert.FromBase64String(e.GetString("Salt")), parts[2]);
        return CryptographicOperations.FixedTimeEquals(expected, actual)
            ? new ApiKeyInfo(parts[1], e.GetString("Name") ?? parts[1], e.GetString("Role") ?? MonitorRoles.Viewer)
            : null;
    }

    private static byte[] Hash(byte[] salt, string secret) => SHA256.HashData([.. salt, .. Encoding.UTF8.GetBytes(secret)]);

    internal static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
