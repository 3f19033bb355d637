using Microsoft.Extensions.Configuration;
using PredictiveMigration.Azure.Storage;

namespace PredictiveMigration.Azure.Tests.Storage;

public class StorageConnectionTests
{
    private static IConfiguration Config(params (string Key, string Value)[] pairs) =>
        new ConfigurationBuilder().AddInMemoryCollection(pairs.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value))).Build();

    [Fact]
    public void FromConfiguration_ConnectionString_IsUsedAsIs()
    {
        var connection = StorageConnection.FromConfiguration(Config(("AzureWebJobsStorage", "UseDevelopmentStorage=true")));

        Assert.Equal("UseDevelopmentStorage=true", connection.ConnectionString);
        Assert.Null(connection.Credential);
    }

    [Fact]
    public void FromConfiguration_IdentityBasedTableServiceUri_UsesAManagedIdentityCredential()
    {
        var connection = StorageConnection.FromConfiguration(Config(
            ("AzureWebJobsStorage:tableServiceUri", "https://acct.table.core.windows.net"),
            ("AzureWebJobsStorage:credential", "managedidentity"),
            ("AzureWebJobsStorage:clientId", "00000000-0000-0000-0000-000000000001")));

        Assert.Equal(new Uri("https://acct.table.core.windows.net"), connection.TableServiceUri);
        Assert.IsType<global::Azure.Identity.ManagedIdentityCredential>(connection.Credential);
        Assert.Null(connection.ConnectionString);
    }

    [Fact]
    public void FromConfiguration_AccountNameOnly_DerivesTheTableEndpoint()
    {
        var connection = StorageConnection.FromConfiguration(Config(("AzureWebJobsStorage:accountName", "pmstore")));

        Assert.Equal(new Uri("https://pmstore.table.core.windows.net"), connection.TableServiceUri);
    }

    [Fact]
    public void FromConfiguration_NothingSet_NamesTheSettings()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => StorageConnection.FromConfiguration(Config()));

        Assert.Contains("AzureWebJobsStorage", ex.Message, StringComparison.Ordinal);
        Assert.Contains("tableServiceUri", ex.Message, StringComparison.Ordinal);
    }
}
