using PredictiveMigration.Durable.Tests.Conformance.Orchestrators;

namespace PredictiveMigration.Durable.Tests.Model;

public sealed class RegistryTests
{
    [Fact]
    public void AddOrchestrator_SameNameInAnotherCase_Throws()
    {
        // Arrange
        var registry = new DurableTaskRegistry().AddOrchestrator<ChainOrchestrator>("Chain");

        // Act
        Exception? exception = Record.Exception(() => registry.AddOrchestrator<FailOrchestrator>("CHAIN"));

        // Assert
        Assert.IsType<ArgumentException>(exception);
    }

    [Fact]
    public void TryCreateOrchestrator_DefaultNameLookedUpInAnyCase_CreatesAFreshInstanceEachTime()
    {
        // Arrange
        var registry = new DurableTaskRegistry().AddOrchestrator<ChainOrchestrator>();

        // Act
        bool found = registry.TryCreateOrchestrator("chainorchestrator", new ServiceTable(), out ITaskOrchestrator? first);
        registry.TryCreateOrchestrator("ChainOrchestrator", new ServiceTable(), out ITaskOrchestrator? second);

        // Assert
        Assert.True(found);
        Assert.IsType<ChainOrchestrator>(first);
        Assert.NotSame(first, second);
        Assert.Equal(["ChainOrchestrator"], registry.OrchestratorNames);
    }

    [Fact]
    public void TryCreateActivity_ConstructorDependency_IsResolvedFromTheServiceProvider()
    {
        // Arrange
        var registry = new DurableTaskRegistry().AddActivity<GreetingActivity>("Greet");
        var services = new ServiceTable { [typeof(GreetingSettings)] = new GreetingSettings("Howdy") };

        // Act
        bool found = registry.TryCreateActivity("Greet", services, out ITaskActivity? activity);

        // Assert
        Assert.True(found);
        Assert.Equal("Howdy", Assert.IsType<GreetingActivity>(activity).Settings.Greeting);
    }

    [Fact]
    public void TryCreateActivity_DependencyMissing_ThrowsNamingTheType()
    {
        // Arrange
        var registry = new DurableTaskRegistry().AddActivity<GreetingActivity>("Greet");

        // Act
        Exception? exception = Record.Exception(() => registry.TryCreateActivity("Greet", new ServiceTable(), out _));

        // Assert
        Assert.Contains(nameof(GreetingActivity), Assert.IsType<InvalidOperationException>(exception).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryCreateActivity_UnknownName_ReturnsFalse()
    {
        // Arrange
        var registry = new DurableTaskRegistry();

        // Act
        bool found = registry.TryCreateActivity("Nope", new ServiceTable(), out ITaskActivity? activity);

        // Assert
        Assert.False(found);
        Assert.Null(activity);
    }
}
