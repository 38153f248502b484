using System.Text.Json;
using KnowledgePortal.Shared.Gaps;
using KnowledgePortal.Tests.Shared.Embeddings;
using KnowledgePortal.Tests.TestSupport;
using Microsoft.Extensions.AI;

namespace KnowledgePortal.Tests.Shared.Gaps;

public sealed class GapClusteringTests(LocalMiniLmFixture model, ITestOutputHelper output) : IClassFixture<LocalMiniLmFixture>
{
    [Fact]
    public void A_question_joins_the_most_similar_group_above_the_threshold_and_starts_one_below_it()
    {
        ReadOnlyMemory<float>[] vectors = [new float[] { 1, 0, 0 }, new float[] { 0, 1, 0 }, new float[] { 0.9f, 0.1f, 0 }, new float[] { 0.1f, 0.2f, 0.97f }, new float[] { 0.2f, 0.95f, 0 }];

        var groups = GapClustering.Group(vectors, threshold: 0.8);

        Assert.Equal([[0, 2], [1, 4], [3]], groups.Select(g => g.ToArray()));
        Assert.Equal(5, GapClustering.Group(vectors, threshold: 1.01).Count);
        Assert.Single(GapClustering.Group(vectors, threshold: -1));
    }

    /// <summary>
    /// The 45 questions the Contoso documents cannot answer, with a few rewordings and typos of some of
    /// them as people would ask again: each rewording joins its original, and unrelated questions stay apart.
    /// </summary>
    [Fact]
    public async Task Rewordings_of_the_contoso_unanswerable_questions_join_their_originals_and_unrelated_ones_stay_apart()
    {
        var ct = TestContext.Current.CancellationToken;
        var questions = File.ReadLines(Path.Combine(Corpus.Contoso, "unanswerable.jsonl"))
            .Where(l => l.Trim().Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .ToDictionary(e => e.GetProperty("id").GetString()!, e => e.GetProperty("question").GetString()!);
        var rewordings = new Dictionary<string, string>
        {
            ["dk-004"] = "can i get my standing desk paid back?",
            ["dk-012"] = "whats the work from home policy",
            ["dk-013"] = "how can employes refer new hirees",
            ["dk-019"] = "Which plan has no deductable at all?",
            ["dk-025"] = "capital city of France?",
        };
        var texts = questions.Values.Concat(rewordings.Values).ToList();
        var ids = questions.Keys.Concat(rewordings.Keys.Select(k => k + "'")).ToList();
        var vectors = (await model.Generator.GenerateAsync(texts, cancellationToken: ct)).Select(e => e.Vector).ToList();

        var groups = GapClustering.Group(vectors, new GapsOptions().SimilarityThreshold);

        var groupOf = new Dictionary<string, int>();
        for (var g = 0; g < groups.Count; g++)
        {
            output.WriteLine($"group {g + 1} ({groups[g].Count}): " + string.Join(" | ", groups[g].Select(i => $"{ids[i]} {texts[i]}")));
            foreach (var i in groups[g])
            {
                groupOf[ids[i]] = g;
            }
        }
        output.WriteLine($"{texts.Count} questions in {groups.Count} groups");
        foreach (var original in rewordings.Keys)
        {
            Assert.True(groupOf[original] == groupOf[original + "'"], $"\"{rewordings[original]}\" is not grouped with \"{questions[original]}\"");
        }
        Assert.Equal(groupOf["dk-011"], groupOf["dk-024"]); // two wordings of the prior-authorization question
        Assert.NotEqual(groupOf["dk-025"], groupOf["dk-027"]);
        Assert.NotEqual(groupOf["dk-004"], groupOf["dk-005"]);
        Assert.InRange(groups.Count, 30, 45);
    }
}
