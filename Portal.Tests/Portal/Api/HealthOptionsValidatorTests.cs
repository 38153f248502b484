using KnowledgePortal.Portal.Health;

namespace KnowledgePortal.Tests.Portal.Api;

public sealed class HealthOptionsValidatorTests
{
    [Fact]
    public void A_health_token_too_short_to_be_a_secret_is_refused_naming_the_setting()
    {
        var validator = new HealthOptionsValidator();

        var refused = validator.Validate(null, new HealthOptions { Token = "letmein" });

        Assert.True(refused.Failed);
        Assert.Contains("KnowledgePortal:Health:Token", refused.FailureMessage, StringComparison.Ordinal);
        Assert.True(validator.Validate(null, new HealthOptions()).Succeeded);
        Assert.True(validator.Validate(null, new HealthOptions { Token = "monitoring-3f9c1d7a2b6e4058" }).Succeeded);
    }
}
