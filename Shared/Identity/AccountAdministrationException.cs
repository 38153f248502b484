namespace KnowledgePortal.Shared.Identity;

/// <summary>An account or group change that cannot be made, with a message meant for the administrator.</summary>
public sealed class AccountAdministrationException(string message) : InvalidOperationException(message);
