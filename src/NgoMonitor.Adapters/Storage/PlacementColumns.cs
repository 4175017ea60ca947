using Azure.Data.Tables;
using NgoMonitor.Core.Geo;

namespace NgoMonitor.Adapters.Storage;

/// <summary>
/// A <see cref="Placement"/> as four table columns, the same in the outbox, incident and match tables: PlaceMethod
/// (the enum's name), PlaceConfidence (0–1), PlaceSurface (as read), PlaceResolvedName (the gazetteer's name). A row
/// written before the columns existed, or with a method this build does not know, reads as null (placement unknown),
/// which alerts treat as uncertain.
/// </summary>
public static class PlacementColumns
{
    public const string Method = "PlaceMethod";
    public const string Confidence = "PlaceConfidence";
    public const string Surface = "PlaceSurface";
    public const string ResolvedName = "PlaceResolvedName";

    public static void Write(TableEntity entity, Placement? placement)
    {
        entity[Method] = placement?.Method.ToString();
        entity[Confidence] = placement?.Confidence;
        entity[Surface] = placement?.Surface;
        entity[ResolvedName] = placement?.PlaceName;
    }

    public static Placement? Read(TableEntity entity) =>
        Placement.Read(entity.GetString(Method), entity.GetDouble(Confidence), entity.GetString(Surface), entity.GetString(ResolvedName));
}
