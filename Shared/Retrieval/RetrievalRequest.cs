namespace KnowledgePortal.Shared.Retrieval;

/// <param name="Query">What the person typed.</param>
/// <param name="Filter">Who asks and within what; applied inside both searches.</param>
/// <param name="Top">How many passages to return.</param>
/// <param name="ForAnswer">The passages are for an answer: documents editors hid from answers are left out (search still shows them).</param>
public sealed record RetrievalRequest(string Query, SearchFilter Filter, int Top = 5, RetrievalMode Mode = RetrievalMode.Hybrid, bool ForAnswer = false);
