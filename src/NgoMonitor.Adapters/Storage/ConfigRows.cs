using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using NgoMonitor.Adapters.Admin;
using NgoMonitor.Core.Storage;

namespace NgoMonitor.Adapters.Storage;

/// <summary>The row shape shared by <see cref="TableConfigStore"/> and <see cref="TableConfigEntries"/>.</summary>
internal static class ConfigRows
{
    public const string Partition = "config";
    public const string DeletedPartition = "deleted";
    public const string Origin = "Origin";
    public const string SeedHash = "SeedHash";

    /// <summary>A row written by an admin, an import or a redirect: seeding keeps it.</summary>
    public static TableEntity Edited<T>(string id, T value) =>
        EntryJson.Write(new TableEntity(Partition, id) { [Origin] = nameof(EntryOrigin.Edited) }, JsonSerializer.Serialize(value, ConfigDocument.JsonOptions));

    /// <summary>A row seeded from the configuration file, with the hash of the file's version.</summary>
    public static TableEntity FromFile(string id, string json, string hash) =>
        EntryJson.Write(new TableEntity(Partition, id) { [Origin] = nameof(EntryOrigin.File), [SeedHash] = hash }, json);

    /// <summary>The row as seeding sees it; its content is re-serialised so that formatting never counts as a change.</summary>
    public static StoredSeedState SeedState<T>(TableEntity row)
    {
        var origin = Enum.TryParse<EntryOrigin>(row.GetString(Origin), out var o) ? o : (EntryOrigin?)null;
        string content;
        try
        {
            content = EntryJson.Read(row) is { } json && JsonSerializer.Deserialize<T>(json, ConfigDocument.JsonOptions) is { } value
                ? Hash(JsonSerializer.Serialize(value, ConfigDocument.JsonOptions))
                : "";
        }
        catch (JsonException)
        {
            content = "";
        }

        return new StoredSeedState(origin, row.GetString(SeedHash), content);
    }

    public static string Hash(string json) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
}
