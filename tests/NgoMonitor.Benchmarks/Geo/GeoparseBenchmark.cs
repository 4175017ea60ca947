using System.Text;
using BenchmarkDotNet.Attributes;
using NgoMonitor.Core.Geo;

namespace NgoMonitor.Benchmarks.Geo;

/// <summary>
/// Geoparsing throughput on 3 KB news articles (floor: 5,000 articles/s per core, i.e. at most 200 µs per
/// article). The articles are synthetic English wire-style text: paragraphs of ordinary prose with place names,
/// people, organisations and capitalised non-places, shuffled per article, each cut at 3,072 characters.
/// </summary>
[MemoryDiagnoser]
public class GeoparseBenchmark
{
    private const int Articles = 64;

    private static readonly string[] Paragraphs =
    [
        "Shelling hit a hospital in Azaz on Monday, killing two health workers, the Syrian American Medical Society said. ",
        "Turkish forces and allied groups exchanged fire with Kurdish fighters near Afrin, according to residents reached by phone. ",
        "The World Health Organization said on Tuesday that clinics in Idlib province were running short of fuel and insulin. ",
        "Michael Jones, a spokesman for the agency in Geneva, told reporters that convoys from Gaziantep had been delayed at the border. ",
        "In Paris, Texas, officials opened a shelter after storms damaged homes across Lamar County late on Sunday night. ",
        "Ministers from France, Germany and Jordan met in Amman to discuss funding for refugees in Lebanon and northern Iraq. ",
        "Police in Gainesville, Ga., said the suspect was arrested on Main Street after a chase that began in Hall County. ",
        "The mobile team reached Maarat al-Numan before dawn, but the road to Saraqib was closed by checkpoints and debris. ",
        "Aid groups warned that the cholera outbreak could spread from Deir ez-Zor to Raqqa and Hasakah if water stations stay shut. ",
        "A convoy of the United Nations crossed from Bab al-Hawa into Syria carrying vaccines, tents and food for displaced families. ",
        "Residents of Kharkiv and Dnipro reported air-raid sirens through the night as Russian drones struck energy facilities. ",
        "The Ministry of Health in Khartoum said three doctors had been detained, while hospitals in Omdurman remained closed. ",
    ];

    private string[] _articles = [];
    private Geoparser _parser = null!;

    [GlobalSetup]
    public void Setup()
    {
        _parser = new Geoparser(Gazetteer.Load(Gazetteer.DefaultPath));
        var random = new Random(5);
        _articles = Enumerable.Range(0, Articles).Select(_ =>
        {
            var sb = new StringBuilder(3200);
            while (sb.Length < 3072)
            {
                sb.Append(Paragraphs[random.Next(Paragraphs.Length)]);
            }

            return sb.ToString(0, 3072);
        }).ToArray();
    }

    /// <summary>One operation = one 3 KB article recognised and resolved (FindPlaces, as the matcher calls it).</summary>
    [Benchmark(OperationsPerInvoke = Articles)]
    public int FindPlaces3KbArticle()
    {
        var found = 0;
        foreach (var article in _articles)
        {
            found += _parser.FindPlaces(article).Count;
        }

        return found;
    }
}
