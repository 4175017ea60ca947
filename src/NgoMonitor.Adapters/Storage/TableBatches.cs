using Azure.Data.Tables;

namespace NgoMonitor.Adapters.Storage;

/// <summary>
/// Entity group transactions: up to 100 entities of one partition and at most 4 MiB of payload per transaction
/// (learn.microsoft.com rest/api/storageservices/performing-entity-group-transactions). One round trip and one
/// transaction against the partition's scalability target instead of one per entity.
/// </summary>
public static class TableBatches
{
    public const int MaxEntities = 100;

    /// <summary>Estimated UTF-16 characters per transaction: under 4 MiB even if every one takes 3 bytes in UTF-8 JSON.</summary>
    private const int MaxChars = 1_000_000;

    /// <summary>Splits entities (all of one partition) into transactions that respect both limits.</summary>
    public static IEnumerable<List<TableEntity>> Chunk(IEnumerable<TableEntity> entities)
    {
        var chunk = new List<TableEntity>();
        var chars = 0;
        foreach (var entity in entities)
        {
            var size = Size(entity);
            if (chunk.Count == MaxEntities || chunk.Count > 0 && chars + size > MaxChars)
            {
                yield return chunk;
                (chunk, chars) = ([], 0);
            }

            chunk.Add(entity);
            chars += size;
        }

        if (chunk.Count > 0)
        {
            yield return chunk;
        }
    }

    private static int Size(TableEntity entity) => 200 + entity.RowKey.Length + entity.Sum(p => p.Value is string s ? s.Length : 16);
}
