namespace KnowledgePortal.Portal.Security;

public enum UsageKind
{
    Ask,
    Search,
}
