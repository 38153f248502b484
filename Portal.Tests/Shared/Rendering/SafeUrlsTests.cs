using KnowledgePortal.Shared.Rendering;

namespace KnowledgePortal.Tests.Shared.Rendering;

public sealed class SafeUrlsTests
{
    [Theory]
    [InlineData("https://example.com/a?b=c#d")]
    [InlineData("HTTP://EXAMPLE.COM")]
    [InlineData("mailto:hr@example.com")]
    [InlineData("/sources/1?page=2")]
    [InlineData("other.md")]
    [InlineData("../policies/leave.md")]
    [InlineData("#section")]
    [InlineData("#fn:1")]
    [InlineData("/wiki/Time:Off")]
    [InlineData("?q=a:b")]
    [InlineData("//cdn.example.com/x.png")]
    [InlineData("")]
    public void Web_mail_and_relative_addresses_are_allowed(string url) => Assert.True(SafeUrls.IsAllowed(url));

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("JaVaScRiPt:alert(1)")]
    [InlineData(" javascript:alert(1)")]
    [InlineData("java\tscript:alert(1)")]
    [InlineData("java\nscript:alert(1)")]
    [InlineData("\u0001javascript:alert(1)")]
    [InlineData("vbscript:msgbox(1)")]
    [InlineData("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==")]
    [InlineData("data:image/svg+xml,<svg onload=alert(1)>")]
    [InlineData("file:///etc/passwd")]
    [InlineData("jav%61script:alert(1)")]
    [InlineData("\\javascript:alert(1)")]
    [InlineData("ftp://example.com/file")]
    public void Other_schemes_are_refused(string url) => Assert.False(SafeUrls.IsAllowed(url));
}
