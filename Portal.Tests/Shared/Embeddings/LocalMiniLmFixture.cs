using KnowledgePortal.Shared.Embeddings;

namespace KnowledgePortal.Tests.Shared.Embeddings;

/// <summary>One loaded model for the whole test class: loading the ONNX graph dominates a test's cost.</summary>
public sealed class LocalMiniLmFixture : IDisposable
{
    public LocalMiniLmEmbeddingGenerator Generator { get; } = new(batchSize: 8);

    public void Dispose() => Generator.Dispose();
}
