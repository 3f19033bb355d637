using PredictiveMigration.Durable.Routes;

namespace PredictiveMigration.Durable.Tests.Routes;

public sealed class ActivityResultEnvelopeTests
{
    [Theory]
    [InlineData("\"plain\"")]
    [InlineData("42")]
    [InlineData("{\"pmActivityResult\":\"not a version\",\"ok\":false}")]
    [InlineData("{\"ok\":false}")]
    [InlineData(null)]
    public void Decode_NotAnEnvelope_IsTheOutputItself(string? result)
    {
        // Arrange
        string? raw = result;

        // Act
        ActivityOutcome outcome = ActivityResultEnvelope.Decode(raw);

        // Assert
        Assert.True(outcome.Succeeded);
        Assert.Equal(raw, outcome.OutputJson);
    }

    [Fact]
    public void Decode_SuccessEnvelope_ReturnsTheOutputJsonText()
    {
        // Arrange
        string envelope = ActivityResultEnvelope.Success("{\"at\":\"2026-01-01T00:00:00.1234567Z\"}");

        // Act
        ActivityOutcome outcome = ActivityResultEnvelope.Decode(envelope);

        // Assert
        Assert.Equal("""{"pmActivityResult":1,"ok":true,"output":"{\"at\":\"2026-01-01T00:00:00.1234567Z\"}"}""", envelope);
        Assert.Equal("{\"at\":\"2026-01-01T00:00:00.1234567Z\"}", outcome.OutputJson);
    }

    [Fact]
    public void Decode_FailureEnvelope_ReturnsTheFailureWithItsCause()
    {
        // Arrange
        var failure = new TaskFailureInfo("A.B", "outer", "at X()", new TaskFailureInfo("C.D", "inner"), IsNonRetriable: true);

        // Act
        ActivityOutcome outcome = ActivityResultEnvelope.Decode(ActivityResultEnvelope.Failure(failure));

        // Assert
        Assert.False(outcome.Succeeded);
        Assert.Equal(failure, outcome.Failure);
    }

    [Fact]
    public void Success_NullOutput_OmitsTheOutput()
    {
        // Arrange
        string? output = null;

        // Act
        string envelope = ActivityResultEnvelope.Success(output);

        // Assert
        Assert.Equal("""{"pmActivityResult":1,"ok":true}""", envelope);
        Assert.Null(ActivityResultEnvelope.Decode(envelope).OutputJson);
    }
}
