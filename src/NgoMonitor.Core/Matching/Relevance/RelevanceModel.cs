using System.IO.Compression;
using System.Text;

namespace NgoMonitor.Core.Matching.Relevance;

/// <summary>One category's logistic model: its id (a watchlist category, "health-care"), its bias and the
/// threshold that the training command picked on held-out folds.</summary>
public sealed record RelevanceCategory(string Id, float Bias, float Threshold);

/// <summary>A score from 0 to 1 and the features that raised it most ("attack hospit"), strongest first.</summary>
public sealed record RelevanceScore(double Score, IReadOnlyList<string> TopFeatures);

/// <summary>
/// Logistic relevance models for several categories over one shared vocabulary (docs/relevance-model.md). The score
/// of an item is σ(bias + Σ weight of each feature present), features from <see cref="RelevanceFeatures"/>.
/// File format (Brotli-compressed, little-endian, strings as length-prefixed UTF-8): "NGOREL" and format version 1;
/// the licence and attribution text; the category count and, per category, id, bias and threshold; the feature count
/// and, per feature, its name and one half-precision weight per category. Immutable, so shared across threads.
/// </summary>
public sealed class RelevanceModel
{
    private const string Magic = "NGOREL";
    private const int FormatVersion = 1;
    private const string ResourceName = "NgoMonitor.Relevance.model";

    private static readonly Lazy<RelevanceModel?> ShippedModel = new(LoadShipped);

    private readonly Dictionary<ulong, int> _rows;
    private readonly string[] _names;
    private readonly Half[] _weights;
    private readonly Dictionary<string, int> _categoryIndex;

    public RelevanceModel(string licence, IReadOnlyList<RelevanceCategory> categories, IReadOnlyList<string> features, Half[] weights)
    {
        if (weights.Length != features.Count * categories.Count)
        {
            throw new ArgumentException("Expected one weight per feature and category", nameof(weights));
        }

        Licence = licence;
        Categories = categories;
        _names = [.. features];
        _weights = weights;
        _categoryIndex = categories.Select((c, i) => (c.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        _rows = new Dictionary<ulong, int>(features.Count);
        for (var i = 0; i < features.Count; i++)
        {
            _rows.TryAdd(RelevanceFeatures.HashOfName(features[i]), i);
        }
    }

    /// <summary>The model shipped in the core assembly (data/relevance/), or null when the build carried none.</summary>
    public static RelevanceModel? Shipped => ShippedModel.Value;

    /// <summary>Licence and attribution of the data the model was trained on.</summary>
    public string Licence { get; }

    public IReadOnlyList<RelevanceCategory> Categories { get; }

    public int FeatureCount => _names.Length;

    /// <summary>The model of <paramref name="category"/>, if there is one.</summary>
    public RelevanceCategory? Category(string category) =>
        _categoryIndex.TryGetValue(category, out var i) ? Categories[i] : null;

    /// <summary>Scores an item's features (<see cref="RelevanceFeatures.Extract"/>) for a category the model has.</summary>
    public RelevanceScore Score(string category, IReadOnlyList<ulong> features, int topFeatures = 3)
    {
        var c = _categoryIndex.TryGetValue(category, out var index) ? index : throw new KeyNotFoundException("No relevance model for '" + category + "'");
        var stride = Categories.Count;
        var z = (double)Categories[c].Bias;
        Span<(float Weight, int Row)> top = stackalloc (float, int)[Math.Max(1, topFeatures)];
        var kept = 0;
        for (var f = 0; f < features.Count; f++)
        {
            if (!_rows.TryGetValue(features[f], out var row))
            {
                continue;
            }

            var weight = (float)_weights[(row * stride) + c];
            z += weight;
            if (weight > 0 && topFeatures > 0)
            {
                kept = KeepStrongest(top, kept, weight, row);
            }
        }

        var names = new string[kept];
        for (var i = 0; i < kept; i++)
        {
            names[i] = _names[top[i].Row];
        }

        return new RelevanceScore(1 / (1 + Math.Exp(-z)), names);
    }

    /// <summary>The weight of a named feature for a category (0 when the vocabulary lacks it).</summary>
    internal float Weight(string category, string feature) =>
        _rows.TryGetValue(RelevanceFeatures.HashOfName(feature), out var row) && _categoryIndex.TryGetValue(category, out var c)
            ? (float)_weights[(row * Categories.Count) + c]
            : 0;

    public void Write(Stream stream)
    {
        using var brotli = new BrotliStream(stream, CompressionLevel.SmallestSize, leaveOpen: true);
        using var writer = new BinaryWriter(brotli, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(FormatVersion);
        writer.Write(Licence);
        writer.Write(Categories.Count);
        foreach (var category in Categories)
        {
            writer.Write(category.Id);
            writer.Write(category.Bias);
            writer.Write(category.Threshold);
        }

        writer.Write(_names.Length);
        for (var i = 0; i < _names.Length; i++)
        {
            writer.Write(_names[i]);
            for (var c = 0; c < Categories.Count; c++)
            {
                writer.Write(_weights[(i * Categories.Count) + c]);
            }
        }
    }

    /// <summary>Reads a model written by <see cref="Write"/>; <see cref="InvalidDataException"/> when it is not one.</summary>
    public static RelevanceModel Read(Stream stream)
    {
        using var brotli = new BrotliStream(stream, CompressionMode.Decompress, leaveOpen: true);
        using var reader = new BinaryReader(brotli, Encoding.UTF8, leaveOpen: true);
        try
        {
            if (reader.ReadString() != Magic || reader.ReadInt32() is var version && version != FormatVersion)
            {
                throw new InvalidDataException("Not a relevance model of format version " + FormatVersion);
            }

            var licence = reader.ReadString();
            var categories = new RelevanceCategory[CheckedCount(reader.ReadInt32(), 64)];
            for (var c = 0; c < categories.Length; c++)
            {
                categories[c] = new RelevanceCategory(reader.ReadString(), reader.ReadSingle(), reader.ReadSingle());
            }

            var names = new string[CheckedCount(reader.ReadInt32(), 10_000_000)];
            var weights = new Half[names.Length * categories.Length];
            for (var i = 0; i < names.Length; i++)
            {
                names[i] = reader.ReadString();
                for (var c = 0; c < categories.Length; c++)
                {
                    weights[(i * categories.Length) + c] = reader.ReadHalf();
                }
            }

            return new RelevanceModel(licence, categories, names, weights);
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidOperationException)
        {
            throw new InvalidDataException("The relevance model is cut short or not Brotli-compressed", e);
        }
    }

    /// <summary>Inserts (weight, row) into the strongest-first list <paramref name="top"/> of <paramref name="kept"/>
    /// entries when it beats the weakest; returns the new count.</summary>
    private static int KeepStrongest(Span<(float Weight, int Row)> top, int kept, float weight, int row)
    {
        if (kept == top.Length && weight <= top[kept - 1].Weight)
        {
            return kept;
        }

        var at = kept < top.Length ? kept++ : kept - 1;
        while (at > 0 && top[at - 1].Weight < weight)
        {
            top[at] = top[at - 1];
            at--;
        }

        top[at] = (weight, row);
        return kept;
    }

    private static int CheckedCount(int count, int max) =>
        count is >= 0 and var c && c <= max ? c : throw new InvalidDataException("Implausible count " + count + " in the relevance model");

    private static RelevanceModel? LoadShipped()
    {
        using var stream = typeof(RelevanceModel).Assembly.GetManifestResourceStream(ResourceName);
        return stream is null ? null : Read(stream);
    }
}
