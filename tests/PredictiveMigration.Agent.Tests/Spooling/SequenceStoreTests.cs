using Microsoft.Extensions.Logging.Abstractions;
using PredictiveMigration.Agent.Spooling;
using PredictiveMigration.Agent.Tests.Infrastructure;

namespace PredictiveMigration.Agent.Tests.Spooling;

public sealed class SequenceStoreTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose() => _directory.Dispose();

    private SequenceStore NewStore() =>
        new(TestOptions.Create(o => o.SpoolDirectory = _directory.Path), NullLogger<SequenceStore>.Instance);

    [Fact(Timeout = 10_000)]
    public async Task Next_EmptyDirectory_StartsAtOneAndPersistsEachValue()
    {
        // Arrange
        var store = NewStore();

        // Act
        var numbers = new[] { store.Next(), store.Next(), store.Next() };

        // Assert
        Assert.Equal([1L, 2L, 3L], numbers);
        Assert.Equal("3", await File.ReadAllTextAsync(Path.Combine(_directory.Path, SequenceStore.FileName), _ct));
    }

    [Fact(Timeout = 10_000)]
    public async Task Next_AfterRestart_ContinuesAboveTheLastValueUsed()
    {
        // Arrange
        var before = NewStore();
        for (var i = 0; i < 41; i++)
        {
            before.Next();
        }

        await Task.Yield();

        // Act
        var after = NewStore().Next();

        // Assert
        Assert.Equal(42, after);
    }

    [Fact(Timeout = 10_000)]
    public async Task Next_StateFileLostButSpoolHasBatches_ContinuesAboveTheSpooledSequences()
    {
        // Arrange
        await File.WriteAllTextAsync(Path.Combine(_directory.Path, SpoolFileName.Format(100, 120, 21)), "[]", _ct);

        // Act
        var next = NewStore().Next();

        // Assert
        Assert.Equal(121, next);
    }

    [Fact(Timeout = 10_000)]
    public async Task Next_StateFileGarbage_FallsBackToTheSpoolInsteadOfThrowing()
    {
        // Arrange
        await File.WriteAllTextAsync(Path.Combine(_directory.Path, SequenceStore.FileName), "not-a-number", _ct);
        await File.WriteAllTextAsync(Path.Combine(_directory.Path, SpoolFileName.Format(7, 9, 3)), "[]", _ct);

        // Act
        var next = NewStore().Next();

        // Assert
        Assert.Equal(10, next);
    }
}
