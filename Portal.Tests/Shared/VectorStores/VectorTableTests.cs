using System.Numerics.Tensors;
using KnowledgePortal.Shared.Documents;
using KnowledgePortal.Shared.Retrieval;
using KnowledgePortal.Shared.Storage;
using KnowledgePortal.Shared.VectorStores;

namespace KnowledgePortal.Tests.Shared.VectorStores;

public class VectorTableTests
{
    private const int Dimension = 16;
    private readonly Random random = new(42);

    private float[] UnitVector()
    {
        var v = new float[Dimension];
        for (var i = 0; i < v.Length; i++)
        {
            v[i] = (float)(random.NextDouble() * 2 - 1);
        }
        TensorPrimitives.Divide(v, TensorPrimitives.Norm(v), v);
        return v;
    }

    private (DocumentInfo Info, List<(long Id, byte[] Vector)> Rows, List<float[]> Vectors) Document(long firstId, int rows, params string[] audience)
    {
        var vectors = Enumerable.Range(0, rows).Select(_ => UnitVector()).ToList();
        var info = new DocumentInfo(Guid.NewGuid(), DocumentKind.Pdf, audience.Length == 0 ? [Principals.Everyone] : audience, Searchable: true);
        return (info, vectors.Select((v, i) => (firstId + i, VectorBytes.From(v))).ToList(), vectors);
    }

    private static List<long> BruteForce(float[] query, IEnumerable<(long Id, float[] Vector)> rows, int top) =>
        rows.OrderByDescending(r => TensorPrimitives.Dot(query, r.Vector)).Take(top).Select(r => r.Id).ToList();

    [Fact]
    public void Finds_the_same_neighbours_as_brute_force()
    {
        using var table = new VectorTable(Dimension);
        var a = Document(0, 200);
        var b = Document(1000, 300);
        table.Replace(a.Info, a.Rows);
        table.Replace(b.Info, b.Rows);
        var query = UnitVector();

        var hits = table.Search(query, SearchFilter.Everyone, 10);

        var all = a.Rows.Select(r => r.Id).Zip(a.Vectors).Concat(b.Rows.Select(r => r.Id).Zip(b.Vectors));
        Assert.Equal(BruteForce(query, all, 10), hits.Select(h => h.ChunkId));
        Assert.True(hits.Zip(hits.Skip(1)).All(p => p.First.Score >= p.Second.Score));
    }

    [Fact]
    public void The_parallel_scan_of_a_large_table_matches_brute_force()
    {
        using var table = new VectorTable(Dimension);
        var documents = Enumerable.Range(0, 8).Select(d => Document(d * 10_000L, 5_000)).ToList();
        foreach (var d in documents)
        {
            table.Replace(d.Info, d.Rows);
        }
        var query = UnitVector();

        var hits = table.Search(query, SearchFilter.Everyone, 20);

        var all = documents.SelectMany(d => d.Rows.Select(r => r.Id).Zip(d.Vectors));
        Assert.Equal(BruteForce(query, all, 20), hits.Select(h => h.ChunkId));
    }

    [Fact]
    public void Rows_of_documents_the_caller_cannot_read_are_never_returned_and_do_not_take_places()
    {
        using var table = new VectorTable(Dimension);
        var open = Document(0, 50);
        var hr = Document(1000, 50, "group:HR");
        table.Replace(open.Info, open.Rows);
        table.Replace(hr.Info, hr.Rows);
        var queryNearHr = hr.Vectors[0];

        var engineering = table.Search(queryNearHr, new SearchFilter(Principals.ForGroups(["Engineering"])), 10);
        var hrMember = table.Search(queryNearHr, new SearchFilter(Principals.ForGroups(["HR"])), 10);

        Assert.Equal(10, engineering.Count);
        Assert.All(engineering, h => Assert.InRange(h.ChunkId, 0, 49));
        Assert.Equal(1000, hrMember[0].ChunkId);
    }

    [Fact]
    public void Replacing_a_document_swaps_all_its_rows_and_removing_it_drops_them()
    {
        using var table = new VectorTable(Dimension);
        var first = Document(0, 10);
        table.Replace(first.Info, first.Rows);
        var second = Document(500, 5);
        table.Replace(first.Info, second.Rows); // same document, new version

        var hits = table.Search(UnitVector(), SearchFilter.Everyone, 100);
        Assert.Equal(5, hits.Count);
        Assert.All(hits, h => Assert.InRange(h.ChunkId, 500, 504));

        table.Remove(first.Info.Id);
        Assert.Empty(table.Search(UnitVector(), SearchFilter.Everyone, 100));
        Assert.Equal(0, table.LiveRows);
    }

    [Fact]
    public void Compaction_after_many_replacements_keeps_results_intact()
    {
        using var table = new VectorTable(Dimension);
        var keep = Document(0, 100);
        table.Replace(keep.Info, keep.Rows);
        var churn = Document(10_000, 2_000);
        for (var i = 0; i < 5; i++)
        {
            table.Replace(churn.Info, churn.Rows); // forces dead rows past the compaction threshold
        }
        var query = keep.Vectors[7];

        var hits = table.Search(query, new SearchFilter(Principals.EveryoneOnly, DocumentIds: [keep.Info.Id]), 1);

        Assert.Equal(7, hits[0].ChunkId);
        Assert.Equal(2_100, table.LiveRows);
    }

    [Fact]
    public void Documents_embedded_by_another_model_are_not_searched()
    {
        using var table = new VectorTable(Dimension);
        var stale = Document(0, 10);
        table.Replace(stale.Info with { Searchable = false }, stale.Rows);

        Assert.Empty(table.Search(stale.Vectors[0], SearchFilter.Everyone, 5));
    }
}
