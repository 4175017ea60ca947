using Azure.Data.Tables;

namespace NgoMonitor.Adapters.Storage;

/// <summary>
/// A configuration entry's JSON in one or more string properties. Table Storage caps a string property at 64 KiB
/// (32K UTF-16 characters) and an entity at 1 MiB (learn.microsoft.com/rest/api/storageservices/understanding-the-table-service-data-model),
/// so the text is cut into pieces of <see cref="PieceLength"/> characters: "Json", "Json2", … up to
/// <see cref="MaxPieces"/> (960 KiB). Countries are stored as ISO codes, so only custom polygons get long.
/// </summary>
public static class EntryJson
{
    public const int PieceLength = 32_000;

    public const int MaxPieces = 15;

    /// <summary>Longest entry JSON the table holds, in characters.</summary>
    public const int MaxLength = PieceLength * MaxPieces;

    public static TableEntity Write(TableEntity entity, string json)
    {
        if (json.Length > MaxLength)
        {
            throw new EntryTooLargeException($"The entry is {json.Length:N0} characters of JSON; a table row holds at most {MaxLength:N0}. Simplify large polygons or use country fences.");
        }

        for (var piece = 0; piece * PieceLength < json.Length || piece == 0; piece++)
        {
            entity[PropertyName(piece)] = json.Substring(piece * PieceLength, Math.Min(PieceLength, json.Length - (piece * PieceLength)));
        }

        return entity;
    }

    public static string? Read(TableEntity entity)
    {
        if (entity.GetString("Json") is not { } first)
        {
            return null;
        }

        var text = new System.Text.StringBuilder(first);
        for (var piece = 1; piece < MaxPieces && entity.GetString(PropertyName(piece)) is { } more; piece++)
        {
            text.Append(more);
        }

        return text.ToString();
    }

    private static string PropertyName(int piece) => piece == 0 ? "Json" : "Json" + (piece + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>An entry too long for one table row (<see cref="EntryJson.MaxLength"/>).</summary>
public sealed class EntryTooLargeException(string message) : Exception(message);
